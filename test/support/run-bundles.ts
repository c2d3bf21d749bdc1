/**
 * Loads bundled cloud functions (cloudfunctions/<name>/index.js) in plain Node,
 * as CloudBase would, with `wx-server-sdk` replaced by a double: a Module._load
 * hook answers `require('wx-server-sdk')` with an SDK whose database is the
 * CloudBase double (the real SDK's database answered in process: seeded with the
 * demo centers, unique indexes declared) and
 * whose getWXContext answers the OPENID the call names. Runs the calls given as
 * JSON on stdin and prints `{ results, sent, inits }` as JSON on stdout.
 *
 *   node --import tsx test/support/run-bundles.ts <cloudfunctions dir> < calls.json
 */
import Module from 'node:module'
import path from 'node:path'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createCloudbaseDouble } from './cloudbase-double'

export interface BundleCall {
  fn: string
  /** The caller's OPENID as WeChat would give it; undefined for a timer. */
  openid?: string
  event: unknown
}

async function main() {
  const dir = process.argv[2]
  const calls = JSON.parse(
    await new Promise<string>((resolve) => {
      let input = ''
      process.stdin.on('data', (c) => (input += c))
      process.stdin.on('end', () => resolve(input))
    }),
  ) as BundleCall[]

  const { db, cloud } = createCloudbaseDouble()
  await seedCloudbase(db)
  let context: { OPENID?: string; APPID?: string } = {}
  const sent: unknown[] = []
  const inits: unknown[] = []
  const sdk = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init: (options: unknown) => void inits.push(typeof (options as { env: unknown }).env),
    database: () => db,
    getWXContext: () => context,
    // Cloud storage: the real SDK's calls, answered by the double's fake storage.
    uploadFile: cloud.uploadFile.bind(cloud),
    getTempFileURL: cloud.getTempFileURL.bind(cloud),
    deleteFile: cloud.deleteFile.bind(cloud),
    openapi: {
      subscribeMessage: {
        send: async (params: unknown) => (sent.push(params), { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }),
      },
    },
  }
  const original = (Module as unknown as { _load: (...args: unknown[]) => unknown })._load
  ;(Module as unknown as { _load: (...args: unknown[]) => unknown })._load = function (request: unknown, ...rest: unknown[]) {
    if (request === 'wx-server-sdk') return sdk
    return original.call(this, request, ...rest)
  }

  const results: unknown[] = []
  for (const call of calls) {
    try {
      const mod = require(path.resolve(dir, call.fn, 'index.js')) as { main: (event: unknown, context: unknown) => Promise<unknown> }
      context = call.openid ? { OPENID: call.openid, APPID: 'wx-test-app' } : {}
      results.push(await mod.main(call.event, { request_id: `req-${results.length}`, function_name: call.fn }))
    } catch (err) {
      results.push({ thrown: err instanceof Error ? err.message : String(err) })
    }
  }
  process.stdout.write(JSON.stringify({ results, sent, inits }))
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err))
  process.exit(1)
})
