export default definePageConfig({ navigationBarTitleText: '填写办事人信息' })
