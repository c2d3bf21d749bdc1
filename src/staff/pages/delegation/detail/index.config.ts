export default definePageConfig({ navigationBarTitleText: '代办件' })
