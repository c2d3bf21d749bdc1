export default definePageConfig({ navigationBarTitleText: '上门认证申请' })
