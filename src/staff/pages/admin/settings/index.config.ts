export default definePageConfig({ navigationBarTitleText: '中心信息与办公时间' })
