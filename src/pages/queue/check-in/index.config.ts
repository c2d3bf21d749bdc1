export default definePageConfig({ navigationBarTitleText: '签到取号' })
