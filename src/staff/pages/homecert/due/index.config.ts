export default definePageConfig({ navigationBarTitleText: '认证即将到期' })
