export default definePageConfig({ navigationBarTitleText: '确认亲友代办' })
