import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import TerserPlugin from 'terser-webpack-plugin'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import type { Compiler } from 'webpack'
import type Chain from 'webpack-chain'
import { reminderTemplateConstants, reminderTemplatesProblem } from './reminder-templates'

/**
 * 长辈版's sizes stay in CSS px on every screen: everything else scales with the screen's width (rpx in weapp, rem in
 * H5), so an 18 px label would be 15.4 px on a 320 px phone. A rule under `.page--elder` is left as written.
 */
const ELDER_SIZES_ABSOLUTE = ['.page--elder']

/** swc's minifier in place of Taro's terser, with the given terser-style options (swc reads the same names). */
function swcMinifier(chain: Chain, terserOptions: object) {
  chain.optimization
    .minimizer('terserPlugin')
    .tap(([options]) => [{ ...options, minify: TerserPlugin.swcMinify, extractComments: false, terserOptions }])
}

/**
 * Taro's build report, made cheaper. Taro's two done reporters (its webpackbar plugin's, and its production logger's)
 * each hand the whole stats to webpack-format-messages, which asks webpack for every chunk's modules and every module's
 * reasons (`toJson({}, true)`) only to print the errors and warnings: 14 % of the H5 build's main process in a profile.
 * Here the build's stats answer a `toJson` asked for everything with those two alone. And outside a terminal (npm test,
 * CI) the progress bar would redraw into a log: there, the basic reporter's start and end lines instead (the fancy one
 * was another 7 %).
 */
function cheaperBuildReport(chain: Chain) {
  const terminal = Boolean(process.stdout.isTTY)
  chain.plugin('webpackbar').tap(([options]) => [{ ...options, basic: !terminal, fancy: terminal }])
  chain.plugin('errors-and-warnings-stats').use(ErrorsAndWarningsStats)
}

/** What `toJson()` without options answers: what Taro's reporters print of it. */
const ERRORS_AND_WARNINGS = { all: false, errors: true, warnings: true, errorDetails: true, moduleTrace: true } as const

class ErrorsAndWarningsStats {
  apply(compiler: Compiler) {
    // Before every other done hook, so the reporters get these stats.
    compiler.hooks.done.tap({ name: 'ErrorsAndWarningsStats', stage: -1000 }, (stats) => {
      const toJson = stats.toJson.bind(stats)
      stats.toJson = (options) => toJson(typeof options === 'object' && Object.keys(options).length > 0 ? options : ERRORS_AND_WARNINGS)
    })
  }
}

/**
 * Taro build configuration for the two targets we ship: weapp (the real
 * product) and h5 (served by the local server for anyone without WeChat).
 * CLOUD_ENV names the WeChat cloud environment the weapp calls.
 */
export default defineConfig<'webpack5'>(async () => {
  // Before anything is built: a production weapp without its template ids would never ask for a reminder.
  // Printed and exited rather than thrown: Taro reports a throw here as "config/index not found".
  const reminders = reminderTemplatesProblem(process.env)
  if (reminders) {
    console.error(`\n${reminders}\n`)
    process.exit(1)
  }
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'bianmin-service-center',
    date: '2026-11-26',
    // Written at 375 px (an iPhone-sized screen): 1 px here is 2 rpx in weapp.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // sitemap.json and the build's project.config.json (config/weapp-files.ts).
    plugins: [path.resolve(__dirname, 'weapp-files.ts')],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
      ...reminderTemplateConstants(process.env),
    },
    copy: { patterns: [], options: {} },
    sass: { resource: [path.resolve(__dirname, '../src/styles/variables.scss')] },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: { selectorBlackList: ELDER_SIZES_ABSOLUTE } },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        cheaperBuildReport(chain)
        // Taro's weapp settings that change the output: compress as ES5 and turn no function into an arrow.
        // 18.4 → 15.2 CPU s for the weapp build, 659 → 609 KB of js (swc leaves Chinese text as UTF-8, where terser's
        // ascii_only wrote each character as a \uXXXX escape; WeChat reads its js files as UTF-8).
        swcMinifier(chain, { compress: { ecma: 5, arrows: false }, format: { comments: false } })
      },
    },
    h5: {
      publicPath: '/',
      // `npm run dev:h5` is a watch build written to dist/h5 for `npm run serve` (the real server and its /api): no hot
      // reload, which would need React fast refresh's webpack plugin (not installed).
      devServer: { hot: false, devMiddleware: { writeToDisk: true } },
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        pxtransform: { enable: true, config: { selectorBlackList: ELDER_SIZES_ABSOLUTE } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        cheaperBuildReport(chain)
        // Taro's H5 settings that change behaviour (function names kept, no comments):
        // measured 62 → 28 CPU s for the whole H5 build, and smaller output (4.61 → 4.51 MB of js, 1.42 → 1.41 MB gzipped).
        // esbuild's (Taro's `jsMinimizer: 'esbuild'`) is as fast but its output is 15 % larger.
        swcMinifier(chain, { keep_fnames: true, format: { comments: false } })
      },
    },
  }
  return config
})
