export default definePageConfig({ navigationBarTitleText: '全区概览' })
