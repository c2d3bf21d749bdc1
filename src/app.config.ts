export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/guide/index',
    'pages/service/index',
    'pages/mine/index',
    'pages/booking/slots/index',
    'pages/booking/form/index',
    'pages/booking/detail/index',
    'pages/booking/mine/index',
    'pages/booking/waitlist/index',
    'pages/queue/check-in/index',
    'pages/queue/ticket/index',
    'pages/homecert/form/index',
    'pages/homecert/mine/index',
    'pages/homecert/detail/index',
    'pages/delegation/form/index',
    'pages/delegation/mine/index',
    'pages/delegation/detail/index',
    'pages/delegation/claim/index',
    'pages/messages/index',
    'pages/centers/index',
    // 选择身份 (the demo personas of a dev-mode local server) is no part of the WeChat build: there WeChat says who calls.
    ...(process.env.TARO_ENV === 'weapp' ? [] : ['pages/identity/index']),
    'pages/people/index',
    'pages/people/confirm/index',
  ],
  // Staff pages live in their own subpackage so residents never download them.
  subPackages: [
    {
      root: 'staff',
      pages: [
        'pages/home/index',
        'pages/queue/index',
        'pages/board/index',
        'pages/kiosk/index',
        'pages/homecert/list/index',
        'pages/homecert/detail/index',
        'pages/homecert/due/index',
        'pages/delegation/list/index',
        'pages/delegation/detail/index',
        'pages/delegation/intake/index',
        'pages/consent/index',
        'pages/admin/index',
        'pages/admin/people/index',
        'pages/admin/services/index',
        'pages/admin/settings/index',
        'pages/admin/rules/index',
        'pages/admin/stats/index',
        'pages/admin/follow-ups/index',
        'pages/admin/audit/index',
        'pages/join/index',
        'pages/calendar/index',
        'pages/district/index',
      ],
    },
  ],
  // Counter staff sit at a PC: PC WeChat lets the window be resized (the staff pages use the width).
  resizable: true,
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#0b5cad',
    navigationBarTitleText: '便民服务中心',
    navigationBarTextStyle: 'white',
    // WeChat draws its bar with a back arrow anyway; this asks Taro's H5 build for the same (src/platform/h5-navigation-bar.ts).
    navigationStyle: 'default',
    backgroundColor: '#f2f4f7',
  },
  // Ours, not WeChat's (whose words stay small in 长辈版): src/custom-tab-bar in WeChat, the tab pages' PageShell in H5.
  tabBar: {
    custom: true,
    color: '#4d4d4d',
    selectedColor: '#0b5cad',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/guide/index', text: '办事指南' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  // 首页's "导航到中心" (wx.openLocation) needs none; 中心信息's map pick (wx.chooseLocation, admins only) must be declared,
  // its 接口权限 opened in the console (开发管理 → 接口设置) and listed in the privacy guide (docs/privacy-guide.md).
  requiredPrivateInfos: ['chooseLocation'],
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        // The privacy APIs (photo picker, clipboard, calendar, camera scan) wait for the 隐私保护指引 to be agreed: src/components/privacy-prompt.tsx.
        __usePrivacyCheck__: true,
        // Only the components a page renders are loaded at its start (WeChat's review asks for it; faster first page).
        lazyCodeLoading: 'requiredComponents',
        style: 'v2',
        // Staff pages out of WeChat search (config/weapp-files.ts writes it from this file's subpackages).
        sitemapLocation: 'sitemap.json',
      }
    : {
        // H5 only (WeChat's app.json has no such key): no sliding page transitions, calmer for elders.
        animation: false,
      }),
})
