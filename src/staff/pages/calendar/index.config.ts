export default definePageConfig({ navigationBarTitleText: '年度放假安排' })
