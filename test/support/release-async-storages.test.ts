import { execFileSync } from 'node:child_process'
import path from 'node:path'

/**
 * In a process of its own: a release disables every storage in the process, this file's own test context (jest-circus's)
 * included, which must not happen in the middle of a test.
 */
function runAlone(body: string): unknown {
  const module = path.join(__dirname, 'release-async-storages.ts')
  const script = `const { AsyncLocalStorage } = require('node:async_hooks'); const { enabledStorages, releaseStorages } = require(${JSON.stringify(module)});\n${body}`
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }))
}

describe('releaseStorages', () => {
  it('disables every storage used since the last release, and leaves it usable again', () => {
    const seen = runAlone(`
      const entered = new AsyncLocalStorage(), ran = new AsyncLocalStorage(), unused = new AsyncLocalStorage()
      entered.enterWith('entered')
      ran.run('ran', () => undefined)
      const noted = [entered, ran, unused].map((s) => enabledStorages().has(s))
      const before = entered.getStore()
      releaseStorages()
      console.log(JSON.stringify({ noted, before, after: entered.getStore() ?? null, left: enabledStorages().size, again: ran.run(2, () => ran.getStore()) }))
    `)
    expect(seen).toEqual({ noted: [true, true, false], before: 'entered', after: null, left: 0, again: 2 })
  })
})
