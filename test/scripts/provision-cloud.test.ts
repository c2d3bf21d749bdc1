/**
 * `npm run provision:cloud` (scripts/provision-cloud.ts): the dry run without credentials, as a deployer
 * runs it, and the apply step against a stand-in for CloudBase's management API (the real one needs a
 * Tencent Cloud account: what only it can confirm is listed in docs/deploy-cloudbase.md).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import indexes from '../../cloudbase/indexes.json'
import rules from '../../cloudbase/security-rules.json'
import { applyPlan, checkUniqueIndexes, provisionPlan, type CloudbaseManager } from '../../scripts/provision-cloud'

const root = path.resolve(__dirname, '../..')

describe('npm run provision:cloud without credentials (dry run)', () => {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY']) delete env[name]
  let run: { status: number | null; stdout: string; stderr: string }
  beforeAll(() => {
    run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/provision-cloud.ts')], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
  })

  it('changes nothing, exits non-zero and names the variables it needs', () => {
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Dry run: nothing was changed')
    expect(run.stderr).toContain('CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY')
  })

  it('lists every collection of cloudbase/ with its rule, and every index, the unique ones marked', () => {
    const listed = [...run.stdout.matchAll(/^collection (\w+)$/gm)].map((m) => m[1])
    expect(listed).toEqual(Object.keys(rules.collections).sort())
    for (const [name, c] of Object.entries(rules.collections))
      expect(run.stdout).toContain(`collection ${name}\n  rule   ${JSON.stringify(c.rule)}\n`)
    const declared = Object.entries(indexes.collections).flatMap(([c, list]) =>
      list.map((i) => `${c}.${i.name}${i.unique ? ' (unique)' : ''}`),
    )
    const printed = [...run.stdout.matchAll(/^collection (\w+)$|^ {2}index {2}(\w+( \(unique\))?) \{/gm)].reduce<{
      at: string
      found: string[]
    }>((acc, m) => (m[1] ? { ...acc, at: m[1] } : { ...acc, found: [...acc.found, `${acc.at}.${m[2]}`] }), { at: '', found: [] }).found
    expect(printed.sort()).toEqual(declared.sort())
    expect(declared.filter((d) => d.endsWith('(unique)')).length).toBeGreaterThan(0)
  })

  it('is the plan docs/provision-plan.md shows', () => {
    expect(fs.readFileSync(path.join(root, 'docs/provision-plan.md'), 'utf8')).toContain(`\`\`\`text\n${run.stdout}\`\`\``)
  })
})

/** A stand-in for CloudBase's management API: collections, their indexes and rules in memory. `dropUnique` plays a service that ignores the flag. */
function fakeManager(options: { dropUnique?: boolean } = {}) {
  const collections = new Map<string, { indexes: Map<string, { keys: { Name: string; Direction: string }[]; unique: boolean }> }>()
  const rulesSet = new Map<string, string>()
  let storageAcl = 'READONLY'
  const calls: string[] = []
  const get = (name: string) => {
    const c = collections.get(name)
    if (!c) throw new Error(`collection ${name} does not exist`)
    return c
  }
  const manager: CloudbaseManager = {
    database: {
      async createCollectionIfNotExists(name) {
        if (!collections.has(name)) {
          calls.push(`create ${name}`)
          collections.set(name, { indexes: new Map() })
        }
        return {}
      },
      async checkIndexExists(collection, index) {
        return { Exists: get(collection).indexes.has(index) }
      },
      async updateCollection(collection, change) {
        for (const i of change.CreateIndexes) {
          calls.push(`index ${collection}.${i.IndexName}`)
          get(collection).indexes.set(i.IndexName, {
            keys: i.MgoKeySchema.MgoIndexKeys,
            unique: i.MgoKeySchema.MgoIsUnique && !options.dropUnique,
          })
        }
        return {}
      },
      async describeCollection(collection) {
        return { Indexes: [...get(collection).indexes].map(([Name, i]) => ({ Name, Unique: i.unique })) }
      },
    },
    storage: {
      async setStorageAcl(acl) {
        if (storageAcl !== acl) calls.push(`storage ${acl}`)
        storageAcl = acl
        return {}
      },
      async getStorageAcl() {
        return storageAcl
      },
    },
    permission: {
      async modifyResourcePermission(o) {
        get(o.resource)
        rulesSet.set(o.resource, `${o.permission} ${o.securityRule}`)
        return {}
      },
    },
  }
  return { manager, collections, rulesSet, calls, storageAcl: () => storageAcl }
}

describe('applyPlan', () => {
  const plan = provisionPlan()

  describe('on an empty environment', () => {
    it('creates every collection, sets each rule as a custom rule, creates every index with its keys and uniqueness', async () => {
      const cloud = fakeManager()
      const problems = await applyPlan(cloud.manager, plan, () => undefined)
      expect(problems).toEqual([])
      expect([...cloud.collections.keys()].sort()).toEqual(Object.keys(rules.collections).sort())
      for (const [name, c] of Object.entries(rules.collections)) expect(cloud.rulesSet.get(name)).toBe(`CUSTOM ${JSON.stringify(c.rule)}`)
      for (const [name, list] of Object.entries(indexes.collections))
        for (const i of list)
          expect(cloud.collections.get(name)?.indexes.get(i.name)).toEqual({
            keys: i.keys.map((k) => ({ Name: k.field, Direction: k.order === 'desc' ? '-1' : '1' })),
            unique: i.unique,
          })
      // Cloud storage closed to clients: photos only through the functions.
      expect(cloud.storageAcl()).toBe('ADMINONLY')
    })
  })

  describe('when run again', () => {
    it('creates nothing that exists', async () => {
      const cloud = fakeManager()
      await applyPlan(cloud.manager, plan, () => undefined)
      cloud.calls.length = 0
      expect(await applyPlan(cloud.manager, plan, () => undefined)).toEqual([])
      expect(cloud.calls).toEqual([])
    })
  })

  describe('when the service did not make a unique index unique, or it is gone', () => {
    it('reports each such index', async () => {
      const cloud = fakeManager({ dropUnique: true })
      const problems = await applyPlan(cloud.manager, plan, () => undefined)
      const unique = Object.entries(indexes.collections).flatMap(([c, list]) => list.filter((i) => i.unique).map((i) => `${c}.${i.name}`))
      expect(problems).toEqual(unique.sort().map((u) => `${u}: exists but is not unique`))

      const [collection, index] = unique[0].split('.')
      cloud.collections.get(collection)?.indexes.delete(index)
      expect(await checkUniqueIndexes(cloud.manager, plan)).toContain(`${collection}.${index}: missing`)
    })
  })
})
