/**
 * Runs one bundled cloud function (cloudfunctions/<fn>/index.js) under the Node that runs this file, as
 * CloudBase would: `exports.main(event, context)` with the real wx-server-sdk (installed in the repository,
 * reached through NODE_PATH as the cloud's `npm install` would give it) and the caller's OPENID in the
 * environment variables the SDK reads. Only the SDK's request class is replaced (`Db.reqClass` of
 * @cloudbase/database, set again after every `cloud.database()`): every database call goes through the
 * real query builder and serialization, and arrives here instead of the network. This stand-in answers
 * reads (getDocument) from the fixtures and refuses anything else.
 *
 * Plain CommonJS with nothing newer than Node 16 understands: test/cloud/entry/bundles.test.ts runs it with
 * the exact binaries of the CloudBase runtimes (tools/cloud-runtimes).
 *
 *   <node> run-bundle-in-runtime.cjs <cloudfunctions dir> < '{"calls":[{"fn":…,"event":…}],"fixtures":{"centers":[…]}}'
 * prints { node, results, requests } as JSON (one container: the calls run one after the other).
 */
'use strict'
const path = require('path')

const dir = process.argv[2]
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'))
const fixtures = input.fixtures || {}
const requests = []

const sdkMain = require.resolve('wx-server-sdk')
const cloud = require(sdkMain)
const nodeSdkMain = require.resolve('@cloudbase/node-sdk', { paths: [path.dirname(sdkMain)] })
// The @cloudbase/database the SDK itself uses (the repository may hoist another version beside it).
const { Db } = require(require.resolve('@cloudbase/database', { paths: [path.dirname(nodeSdkMain)] }))

class StandInRequest {
  async send(action, params) {
    requests.push({ action, collectionName: params.collectionName, limit: params.limit, offset: params.offset || 0 })
    if (action === 'database.getDocument') {
      const docs = params.offset ? [] : fixtures[params.collectionName] || []
      return { requestId: 'stand-in-' + requests.length, data: { list: docs.map((d) => JSON.stringify(d)) } }
    }
    return { code: 'STAND_IN_READS_ONLY', message: 'the stand-in answers reads only, not ' + action }
  }
}

const database = cloud.database
cloud.database = function (...args) {
  const db = database.apply(this, args)
  Db.reqClass = StandInRequest
  return db
}

async function main() {
  const results = []
  for (const call of input.calls) {
    const bundle = require(path.resolve(dir, call.fn, 'index.js'))
    results.push(await bundle.main(call.event, { request_id: 'req-' + results.length, function_name: call.fn }))
  }
  process.stdout.write(JSON.stringify({ node: process.version, results, requests }))
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err))
  process.exit(1)
})
