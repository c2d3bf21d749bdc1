// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// The weapp runs on the phone's own JavaScript engine: on older iPhones (iOS < 13.4) `??` and `?.` are syntax
// errors that stop the whole mini-program. package.json's browserslist is for the H5 build (and would leave them),
// so the weapp gets Taro's own default targets, the ones WeChat's oldest supported devices need.
const WEAPP_TARGETS = { ios: '9', android: '5' }

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // No hot reload in `npm run dev:h5` (config/index.ts h5.devServer.hot): no React fast-refresh transform either.
        hot: false,
        ...(process.env.TARO_ENV === 'weapp' ? { targets: WEAPP_TARGETS } : {}),
      },
    ],
  ],
}
