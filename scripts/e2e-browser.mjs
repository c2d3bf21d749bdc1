/**
 * Finds a Chromium for the end-to-end tests and prints how to launch it, as JSON:
 * `{ executablePath, args, env }`. Run by test/e2e/browser.ts (a plain ESM script, because
 * @sparticuz/chromium is an ES module that jest's CommonJS runtime cannot import).
 *
 * The README promises `npm ci && npm test` on a machine with Node and npm only, so:
 * 1. `CHROMIUM_PATH`, else a system Chromium/Chrome when one is installed;
 * 2. otherwise the Chromium shipped inside the npm package `@sparticuz/chromium`, unpacked once
 *    into a cache folder with the NSS/GTK libraries it brings for machines that lack them.
 * Either way the browser gets a fontconfig file that adds the Noto Sans SC files of the npm
 * package `@expo-google-fonts/noto-sans-sc`, so screenshots show Chinese and not boxes.
 * `E2E_BROWSER=npm` skips step 1 (how the bare-machine path is tried on a machine that has both).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// npm installs these flat; @sparticuz/chromium's `exports` hides its package.json from require.resolve.
const packageDir = (name) => path.join(root, 'node_modules', name)

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

function systemBrowser() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (process.env.E2E_BROWSER === 'npm') return undefined
  return SYSTEM_BROWSERS.find((p) => fs.existsSync(p))
}

/**
 * Unpacks @sparticuz/chromium into `<tmp>/bm-e2e-chromium-<version>` once. The package unpacks into
 * `os.tmpdir()`; pointing TMPDIR at a staging folder and renaming it when complete keeps parallel
 * jest workers from seeing a half-written browser.
 */
async function npmBrowser() {
  const dir = packageDir('@sparticuz/chromium')
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version
  const home = path.join(os.tmpdir(), `bm-e2e-chromium-${version}`)
  const binary = path.join(home, 'chromium')
  if (!fs.existsSync(path.join(home, 'complete'))) {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-e2e-chromium-staging-'))
    execFileSync(process.execPath, ['--input-type=module', '-e', unpackScript(dir)], {
      env: { ...process.env, TMPDIR: staging },
      stdio: 'inherit',
    })
    fs.writeFileSync(path.join(staging, 'complete'), version)
    try {
      fs.renameSync(staging, home)
    } catch {
      // Another worker finished first: its copy is as good as ours.
      fs.rmSync(staging, { recursive: true, force: true })
    }
  }
  return { executablePath: binary, libraryPath: path.join(home, 'al2023', 'lib'), fontDir: path.join(home, 'fonts') }
}

function unpackScript(dir) {
  const index = pathToFileUrl(path.join(dir, 'build/index.js'))
  const lambdafs = pathToFileUrl(path.join(dir, 'build/lambdafs.js'))
  return `
    const { default: chromium } = await import(${JSON.stringify(index)})
    const { inflate } = await import(${JSON.stringify(lambdafs)})
    await chromium.executablePath()
    await inflate(${JSON.stringify(path.join(dir, 'bin/al2023.tar.br'))})
  `
}

function pathToFileUrl(p) {
  return new URL(`file://${p}`).href
}

/** A fontconfig file listing the system fonts, the unpacked package's fonts and Noto Sans SC from npm. */
function fontConfig(extraDirs) {
  const cjk = packageDir('@expo-google-fonts/noto-sans-sc')
  const dirs = ['/usr/share/fonts', '/usr/local/share/fonts', cjk, ...extraDirs].filter((d) => fs.existsSync(d))
  const cache = path.join(os.tmpdir(), 'bm-e2e-fontconfig-cache')
  const xml = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs.map((d) => `  <dir>${d}</dir>`).join('\n')}
  <cachedir>${cache}</cachedir>
  <alias><family>sans-serif</family><prefer><family>Noto Sans SC</family></prefer></alias>
  <alias><family>serif</family><prefer><family>Noto Sans SC</family></prefer></alias>
</fontconfig>
`
  const file = path.join(os.tmpdir(), 'bm-e2e-fonts.conf')
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  if (current !== xml) {
    const tmp = `${file}.${process.pid}`
    fs.writeFileSync(tmp, xml)
    fs.renameSync(tmp, file)
  }
  return file
}

const QUIET = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

async function main() {
  const system = systemBrowser()
  if (system) {
    console.log(JSON.stringify({ executablePath: system, args: QUIET, env: { FONTCONFIG_FILE: fontConfig([]) } }))
    return
  }
  const npm = await npmBrowser()
  const ld = [npm.libraryPath, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':')
  // The package's own list adds Lambda-only flags (--single-process, --disable-web-security): not wanted here.
  const args = [...QUIET, '--no-zygote']
  console.log(
    JSON.stringify({ executablePath: npm.executablePath, args, env: { FONTCONFIG_FILE: fontConfig([npm.fontDir]), LD_LIBRARY_PATH: ld } }),
  )
}

await main()
