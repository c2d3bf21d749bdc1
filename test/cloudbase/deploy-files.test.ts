import fs from 'node:fs'
import path from 'node:path'
import indexes from '../../cloudbase/indexes.json'
import rules from '../../cloudbase/security-rules.json'

const ADAPTER = path.resolve(__dirname, '../../cloud/store/cloudbase')

/** Every collection the CloudBase code names: the `*_COLLECTIONS` tables, SHARED and the single-collection constants of its modules. */
function collectionsInCode(): Set<string> {
  const modules = [
    ...fs
      .readdirSync(ADAPTER)
      .filter((f) => f.endsWith('.ts') && f !== 'db-api.ts')
      .map((f) => path.join(ADAPTER, f)),
    path.resolve(__dirname, '../../cloud/entry/subscribe-message.ts'),
  ]
  const names = new Set<string>()
  for (const file of modules) {
    for (const [key, value] of Object.entries(require(file) as Record<string, unknown>)) {
      if (/COLLECTIONS$|^SHARED$/.test(key) && value && typeof value === 'object')
        Object.values(value).forEach((v) => names.add(v as string))
      else if (/^(MESSAGES|SUBSCRIBE_SENDS)$/.test(key) && typeof value === 'string') names.add(value)
    }
  }
  return names
}

describe('cloudbase/security-rules.json and cloudbase/indexes.json', () => {
  const inCode = collectionsInCode()

  it('name every collection the CloudBase code uses, and no other', () => {
    expect(inCode.size).toBeGreaterThan(20)
    expect(Object.keys(rules.collections).sort()).toEqual([...inCode].sort())
    expect(Object.keys(indexes.collections).sort()).toEqual([...inCode].sort())
  })

  it('let the mini-program write nothing, and read only the queue board', () => {
    const entries = Object.entries(rules.collections)
    expect(entries.filter(([, c]) => c.rule.write !== false)).toEqual([])
    expect(entries.filter(([, c]) => c.rule.read !== false).map(([name]) => name)).toEqual(['queue_boards'])
    for (const [, c] of entries.filter(([, c]) => c.personalData)) expect(c.rule).toEqual({ read: false, write: false })
  })

  it('declare indexes with unique names per collection and ordered keys', () => {
    for (const [collection, list] of Object.entries(indexes.collections)) {
      expect(new Set(list.map((i) => i.name)).size).toBe(list.length)
      for (const index of list) {
        expect(index.keys.length).toBeGreaterThan(0)
        for (const key of index.keys) expect(['asc', 'desc']).toContain(key.order)
      }
      expect(collection).toMatch(/^[a-z_]+$/)
    }
  })
})
