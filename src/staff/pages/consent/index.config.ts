export default definePageConfig({ navigationBarTitleText: '窗口确认亲友授权' })
