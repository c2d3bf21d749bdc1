export default definePageConfig({ navigationBarTitleText: '输入领取码' })
