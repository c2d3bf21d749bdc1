export default definePageConfig({ navigationBarTitleText: '申请帮办代办' })
