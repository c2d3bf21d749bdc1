/**
 * Two projects: backend and pure rules run in Node against real SQLite files;
 * pages render in jsdom with Taro's H5 components (what the H5 build uses).
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2021' }, module: { type: 'commonjs' } }]

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/test/pages/', '/test/e2e/', '/test/weapp/'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      // The real weapp build (Taro's mini-program runtime) in plain Node with a stand-in WeChat host; builds dist/weapp itself when stale.
      displayName: 'weapp',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/weapp'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      // The build's own js runs as WeChat would run it, untransformed.
      transformIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      // Real browser against the real server serving the H5 build (npm run build:h5 first).
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      setupFilesAfterEnv: ['<rootDir>/test/e2e/jest-setup.ts'],
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/pages'],
      testMatch: ['**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/support/jsdom-setup.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|lodash-es|ssr-window|dom7|tslib|classnames|\\.pnpm)/)'],
      moduleNameMapper: {
        '^@/(.*)$': '<rootDir>/src/$1',
        '^@tarojs/taro$': '<rootDir>/test/support/taro-double.ts',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.(css|scss)$': 'identity-obj-proxy',
      },
    },
  ],
}
