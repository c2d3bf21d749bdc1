/**
 * `npm run provision:cloud`: creates, in one CloudBase environment, every collection of cloudbase/ with
 * its security rule and its indexes (unique ones included), and closes cloud storage to every client
 * (the photos: only the functions read and write them), with @cloudbase/manager-node (the official
 * CLI, `tcb`, can create neither indexes nor rules). Run it again at will: what exists is left alone.
 *
 *   CLOUDBASE_ENV_ID=<环境 ID> TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=… npm run provision:cloud
 *
 * Without them it prints the plan (what it would do) and exits 1: a dry run, never a silent success.
 * After applying it reads back every unique index and exits 1 if one is missing or not unique — they
 * are the last guard against duplicates under concurrency. docs/provision-plan.md is the dry run's output.
 */
import indexesFile from '../cloudbase/indexes.json'
import rulesFile from '../cloudbase/security-rules.json'

interface IndexSpec {
  name: string
  unique: boolean
  keys: { field: string; order: 'asc' | 'desc' | string }[]
}

interface RulesSpec {
  collections: Record<string, { rule: { read: unknown; write: unknown }; holds?: string }>
}

interface IndexesSpec {
  collections: Record<string, IndexSpec[]>
}

export interface CollectionPlan {
  name: string
  /** The security rule, as the console's 自定义安全规则 takes it. */
  rule: { read: unknown; write: unknown }
  indexes: IndexSpec[]
}

/**
 * Cloud storage's permission: 仅管理员可读写. The photos of cases and home certifications are uploaded by the
 * functions (which act as admin) and read through the short temp URLs they hand out after checking who asks;
 * no mini-program may list, read or write a file directly (cloud/store/cloudbase/cloud-files.ts).
 */
export const STORAGE_ACL = 'ADMINONLY'

/** The environment variables the script needs to apply its plan. */
export const CREDENTIALS = ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'] as const

/** Every collection of cloudbase/ with its rule and indexes, sorted by name (security-rules.json and indexes.json list the same ones: test/cloudbase). */
export function provisionPlan(rules: RulesSpec = rulesFile, indexes: IndexesSpec = indexesFile as IndexesSpec): CollectionPlan[] {
  return Object.keys(rules.collections)
    .sort()
    .map((name) => ({ name, rule: rules.collections[name].rule, indexes: indexes.collections[name] ?? [] }))
}

const direction = (order: string) => (order === 'desc' ? -1 : 1)

/** The plan in words, one collection a block: what a dry run prints (and docs/provision-plan.md holds). */
export function describePlan(plan: CollectionPlan[]): string {
  const unique = plan.flatMap((c) => c.indexes.filter((i) => i.unique).map((i) => `${c.name}.${i.name}`))
  const lines = [
    `${plan.length} collections, ${plan.reduce((n, c) => n + c.indexes.length, 0)} indexes (${unique.length} unique), one security rule each:`,
    '',
  ]
  for (const c of plan) {
    lines.push(`collection ${c.name}`)
    lines.push(`  rule   ${JSON.stringify(c.rule)}`)
    for (const i of c.indexes) {
      const keys = i.keys.map((k) => `${k.field}: ${direction(k.order)}`).join(', ')
      lines.push(`  index  ${i.name}${i.unique ? ' (unique)' : ''} { ${keys} }`)
    }
    if (c.indexes.length === 0) lines.push('  index  (none but _id)')
  }
  lines.push('', `cloud storage  permission ${STORAGE_ACL} (仅管理员可读写: photos only through the functions)`)
  lines.push('', `then checks that each unique index exists and is unique: ${unique.join(', ')}, and the storage permission`)
  return `${lines.join('\n')}\n`
}

/** What the script uses of @cloudbase/manager-node's `database` and `permission` services. */
export interface CloudbaseManager {
  database: {
    createCollectionIfNotExists(name: string): Promise<unknown>
    checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>
    updateCollection(
      collection: string,
      change: {
        CreateIndexes: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[]
      },
    ): Promise<unknown>
    describeCollection(collection: string): Promise<{ Indexes?: { Name: string; Unique: boolean }[] }>
  }
  storage: {
    setStorageAcl(acl: typeof STORAGE_ACL): Promise<unknown>
    getStorageAcl(): Promise<string>
  }
  permission: {
    modifyResourcePermission(options: {
      resourceType: 'collection'
      resource: string
      permission: 'CUSTOM'
      securityRule: string
    }): Promise<unknown>
  }
}

/**
 * Applies the plan: each collection created if missing, its rule set (custom rule, the JSON of
 * security-rules.json), each index created if missing. Then reads every unique index back. Returns the
 * problems found by that check (empty: all there).
 */
export async function applyPlan(manager: CloudbaseManager, plan: CollectionPlan[], log: (line: string) => void): Promise<string[]> {
  for (const c of plan) {
    await manager.database.createCollectionIfNotExists(c.name)
    await manager.permission.modifyResourcePermission({
      resourceType: 'collection',
      resource: c.name,
      permission: 'CUSTOM',
      securityRule: JSON.stringify(c.rule),
    })
    const missing: IndexSpec[] = []
    for (const i of c.indexes) if (!(await manager.database.checkIndexExists(c.name, i.name)).Exists) missing.push(i)
    if (missing.length > 0) {
      await manager.database.updateCollection(c.name, {
        CreateIndexes: missing.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: {
            MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: String(direction(k.order)) })),
            MgoIsUnique: i.unique,
          },
        })),
      })
    }
    log(`✓ ${c.name}: rule set, ${missing.length} of ${c.indexes.length} indexes created (the rest were there)`)
  }
  await manager.storage.setStorageAcl(STORAGE_ACL)
  log(`✓ cloud storage: permission ${STORAGE_ACL}`)
  const problems = await checkUniqueIndexes(manager, plan)
  const acl = await manager.storage.getStorageAcl()
  if (acl !== STORAGE_ACL) problems.push(`cloud storage: permission is ${acl}, not ${STORAGE_ACL}`)
  return problems
}

/** Every unique index of the plan, read back: it exists and CloudBase says it is unique. */
export async function checkUniqueIndexes(manager: CloudbaseManager, plan: CollectionPlan[]): Promise<string[]> {
  const problems: string[] = []
  for (const c of plan) {
    const unique = c.indexes.filter((i) => i.unique)
    if (unique.length === 0) continue
    const described = await manager.database.describeCollection(c.name)
    for (const i of unique) {
      if (!(await manager.database.checkIndexExists(c.name, i.name)).Exists) problems.push(`${c.name}.${i.name}: missing`)
      else if (described.Indexes && !described.Indexes.some((d) => d.Name === i.name && d.Unique))
        problems.push(`${c.name}.${i.name}: exists but is not unique`)
    }
  }
  return problems
}

async function main(): Promise<number> {
  const plan = provisionPlan()
  const missing = CREDENTIALS.filter((name) => !process.env[name]?.trim())
  if (missing.length > 0) {
    process.stdout.write(describePlan(plan))
    console.error(
      `\nDry run: nothing was changed. To apply this plan, set ${missing.join(', ')} ` +
        `(the environment id from 云开发控制台, and an API key of the Tencent Cloud account that owns it: ` +
        `访问管理 → API密钥管理). See docs/deploy-cloudbase.md.`,
    )
    return 1
  }
  // Loaded only to apply: a dry run needs nothing installed beyond this repository.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = (require('@cloudbase/manager-node') as { default?: unknown }).default ?? require('@cloudbase/manager-node')
  const manager = new (CloudBase as new (config: Record<string, string | undefined>) => CloudbaseManager)({
    envId: process.env.CLOUDBASE_ENV_ID,
    secretId: process.env.TENCENTCLOUD_SECRET_ID,
    secretKey: process.env.TENCENTCLOUD_SECRET_KEY,
    token: process.env.TENCENTCLOUD_SESSION_TOKEN || undefined,
  })
  console.log(`Provisioning ${plan.length} collections in ${process.env.CLOUDBASE_ENV_ID} …`)
  const problems = await applyPlan(manager, plan, (line) => console.log(line))
  if (problems.length > 0) {
    console.error(`\nUnique indexes not in place (the app relies on them under concurrency):\n${problems.map((p) => `  ${p}`).join('\n')}`)
    return 1
  }
  console.log('\nEvery collection, rule and index is in place; every unique index checked.')
  return 0
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`provision:cloud failed: ${(e as Error)?.message ?? e}`)
      process.exit(1)
    },
  )
}
