/**
 * `npm run seed:cloud -- --out <dir> [--admin <centerId>:<OPENID>:<姓名>]… [--district <OPENID>:<姓名>]…`
 *
 * Writes the centers of cloud/seed/ (windows, services, communities; no demo
 * staff) as one JSON-lines file per collection, for the CloudBase console's
 * 数据库 → 导入. Each `--admin` binds a center's first admin, written through the
 * store port (a one-time invite taken up at once), so the import holds exactly
 * what the app itself would have written. Each `--district` binds a 区级管理员 (the
 * district's yearly arrangement; no role in any center). See docs/deploy-cloudbase.md, steps 5–6.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import rules from '../cloudbase/security-rules.json'
import { createCloudbaseStore } from '../cloud/store/cloudbase/cloudbase-store'
import { NO_PERSONAL_DATA } from '../cloud/store/sealed-fields'
import { seedCloudbase } from '../cloud/store/cloudbase/seed-cloudbase'
// The documents are written by the store port itself, on the real SDK answered in process (a dev tool: wx-server-sdk is a devDependency).
import { createCloudbaseDouble } from '../test/support/cloudbase-double'

export interface FirstAdmin {
  centerId: string
  openid: string
  name: string
}

/** Parses `lsw:oAbc…:孙丽`. */
export function parseAdmin(spec: string): FirstAdmin {
  const [centerId, openid, ...name] = spec.split(':')
  if (!centerId || !openid || name.join(':').trim() === '') throw new Error(`--admin wants <centerId>:<OPENID>:<姓名>, got "${spec}"`)
  return { centerId, openid, name: name.join(':').trim() }
}

export interface DistrictAdmin {
  openid: string
  name: string
}

/** Parses `oAbc…:高文华`. */
export function parseDistrict(spec: string): DistrictAdmin {
  const [openid, ...name] = spec.split(':')
  if (!openid || name.join(':').trim() === '') throw new Error(`--district wants <OPENID>:<姓名>, got "${spec}"`)
  return { openid, name: name.join(':').trim() }
}

/** The documents to import, per collection (collections left empty are left out). */
export async function seedDocuments(
  admins: FirstAdmin[],
  now = new Date(),
  districts: DistrictAdmin[] = [],
): Promise<Map<string, object[]>> {
  const double = createCloudbaseDouble()
  await seedCloudbase(double.db, { staff: false })
  // Centers, staff and invites only: no personal data, so no keys.
  const store = createCloudbaseStore(double.db, NO_PERSONAL_DATA)
  const at = now.toISOString()
  for (const a of admins) {
    if (!(await store.centers.get(a.centerId))) throw new Error(`no center ${a.centerId} in cloud/seed/`)
    const codeHash = createHash('sha256').update(randomBytes(16)).digest('hex')
    await store.staffAdmin.createInvite({
      id: `first-admin-${a.centerId}-${a.openid}`,
      centerId: a.centerId,
      codeHash,
      codeTail: '--',
      name: a.name,
      grant: { role: 'admin' },
      createdBy: 'seed',
      createdByName: '部署',
      createdAt: at,
      expiresAt: new Date(now.getTime() + 60_000).toISOString(),
      usedBy: null,
      usedByName: null,
      usedAt: null,
      cancelledAt: null,
    })
    const result = await store.staffAdmin.redeem(codeHash, a.openid, at, (held, added) => ({ ...held, ...added }))
    if (result.kind !== 'redeemed') throw new Error(`binding ${a.name} as admin of ${a.centerId}: ${result.kind}`)
  }
  for (const d of districts) await store.staffAdmin.grantDistrict(d.openid, d.name, at)
  const out = new Map<string, object[]>()
  for (const collection of Object.keys(rules.collections)) {
    let docs: object[] = double.dump(collection)
    // The demo grid workers are not people in a real center: nobody is responsible until an admin says so.
    if (collection === 'communities') docs = docs.map((d) => ({ ...d, responsibleOpenid: null }))
    if (docs.length) out.set(collection, docs)
  }
  return out
}

async function main() {
  const args = process.argv.slice(2)
  let dir = 'cloudbase-seed'
  const admins: FirstAdmin[] = []
  const districts: DistrictAdmin[] = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') dir = args[++i]
    else if (args[i] === '--admin') admins.push(parseAdmin(args[++i] ?? ''))
    else if (args[i] === '--district') districts.push(parseDistrict(args[++i] ?? ''))
    else throw new Error(`unknown argument ${args[i]} (use --out <dir>, --admin <centerId>:<OPENID>:<姓名> and --district <OPENID>:<姓名>)`)
  }
  fs.mkdirSync(dir, { recursive: true })
  for (const [collection, docs] of await seedDocuments(admins, new Date(), districts)) {
    const file = path.join(dir, `${collection}.json`)
    fs.writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n')
    console.log(`${file.padEnd(44)} ${String(docs.length).padStart(4)} 条`)
  }
  console.log('\n在云开发控制台 → 数据库 → 对应集合 → 导入 中逐个导入（JSON Lines，冲突处理选 Upsert）。')
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
