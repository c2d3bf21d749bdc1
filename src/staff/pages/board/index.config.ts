export default definePageConfig({ navigationBarTitleText: '大厅叫号屏', navigationStyle: 'custom' })
