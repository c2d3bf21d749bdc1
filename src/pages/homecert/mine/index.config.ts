export default definePageConfig({ navigationBarTitleText: '我的上门认证申请' })
