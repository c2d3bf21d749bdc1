/**
 * The jest projects. Backend and pure rules run in Node against real SQLite files (`node`); the real
 * weapp build on Taro's mini-program runtime (`weapp`); headless Chromium against the real server
 * (`e2e`); pages in jsdom with Taro's H5 components (`pages`).
 *
 * Beijing time must not depend on the host's zone, so the `node` files marked `@timezone` in their
 * first comment run again in the projects `node TZ=UTC` and `node TZ=America/New_York` (a zone equal
 * to the host's is left out: the `node` run is that run already). Mark a file when what it asserts
 * goes through a Beijing date or clock reading of an instant (today, opening hours, slots, check-in
 * windows, deadlines, due dates, expiry, dated codes, statistics by day) or through calendar
 * arithmetic on dates (weekdays, day status, working days, holidays: `new Date(date).getDay()` would
 * pass in Beijing and fail in New York). Not marked: files
 * that set TZ themselves for what they run (server/main, cloud/entry/bundles, core/beijing-time-hosts), and files that meet
 * time only in a fixture (the hardening suites seed records through the actions the marked tests cover).
 */
const fs = require('node:fs')
const path = require('node:path')

const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2021' },
    module: { type: 'commonjs' },
  },
]

const OTHER_ZONES = ['UTC', 'America/New_York']
const UTC_NAMES = ['UTC', 'Etc/UTC', 'Etc/Universal', 'Universal', 'Etc/GMT', 'GMT', 'Etc/Zulu', 'Zulu']

/**
 * Per test and hook (the e2e tests set their own): only a guard against a hang. A busy 2-core machine takes far longer
 * than jest's default 5 s over a test that takes half a second alone; under a load of 25, starting a server
 * process in a `beforeAll` took over 25 s.
 */
const TEST_TIMEOUT_MS = 60_000

/** tsconfig.json's paths, for jest: @/ is src, @cloud/ is cloud, @test/ is test. */
const ALIASES = { '^@/(.*)$': '<rootDir>/src/$1', '^@cloud/(.*)$': '<rootDir>/cloud/$1', '^@test/(.*)$': '<rootDir>/test/$1' }

/** First in each file: the AsyncLocalStorages earlier files of the worker left enabled are disabled (the file says why). */
const PER_FILE_SETUP = ['<rootDir>/test/support/release-async-storages.ts']

const node = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/test/pages/', '/test/e2e/', '/test/weapp/'],
  setupFiles: PER_FILE_SETUP,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: ALIASES,
}

/** The test files under test/ whose first comment carries `@timezone`, as paths from the repository root. */
function markedForTimezones() {
  const marked = []
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (entry.name.endsWith('.test.ts')) {
        const head = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(fs.readFileSync(file, 'utf8'))
        if (head && /^\s*\*?\s*@timezone\b/m.test(head[1])) marked.push(path.relative(__dirname, file))
      }
    }
  }
  walk(path.join(__dirname, 'test'))
  return marked.sort()
}

const hostZone = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone
const sameZone = (a, b) => a === b || (UTC_NAMES.includes(a) && UTC_NAMES.includes(b))
const marked = markedForTimezones()

const timezoneProjects = OTHER_ZONES.filter((zone) => !sameZone(zone, hostZone)).map((zone) => ({
  ...node,
  displayName: `node TZ=${zone}`,
  testMatch: marked.map((file) => `<rootDir>/${file}`),
  testEnvironment: '<rootDir>/test/support/timezone-environment.ts',
  testEnvironmentOptions: { timezone: zone },
}))

module.exports = {
  testTimeout: TEST_TIMEOUT_MS,
  testSequencer: '<rootDir>/test/support/test-order.js',
  projects: [
    {
      // Real browser against the real server serving the H5 build (npm run build:h5 first).
      displayName: 'e2e',
      // jest's node environment with playwright-core loaded once per process (test/e2e/environment.js says why).
      testEnvironment: '<rootDir>/test/e2e/environment.js',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      setupFilesAfterEnv: ['<rootDir>/test/e2e/jest-setup.ts'],
      moduleNameMapper: ALIASES,
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
      moduleNameMapper: ALIASES,
    },
    node,
    ...timezoneProjects,
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/pages'],
      testMatch: ['**/*.test.tsx'],
      setupFiles: [...PER_FILE_SETUP, '<rootDir>/test/support/jsdom-setup.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|swiper|lodash-es|ssr-window|dom7|tslib|classnames|\\.pnpm)/)'],
      moduleNameMapper: {
        // Images (the tab bar's icons), before the aliases that would find the file: a name is enough in jsdom.
        '\\.png$': 'identity-obj-proxy',
        ...ALIASES,
        '^@tarojs/taro$': '<rootDir>/test/support/taro-double.ts',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.(css|scss)$': 'identity-obj-proxy',
      },
    },
  ],
}
