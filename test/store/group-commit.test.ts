import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { groupCommit } from '@cloud/store/sqlite/group-commit'
import { openDatabase } from '@cloud/store/sqlite/open-database'

/** Real SQLite files: a second connection shows what is committed, as another server process would see it. */
function files() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-group-'))
  const file = path.join(dir, 'db.sqlite')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)')
  const other = new Database(file)
  return { db, other, close: () => (db.close(), other.close(), fs.rmSync(dir, { recursive: true, force: true })) }
}

describe('groupCommit', () => {
  test('calls made together run in one transaction and are answered after its commit', async () => {
    const { db, other, close } = files()
    const seen: number[] = []
    const put = groupCommit(db, (k: string) => {
      db.prepare('INSERT INTO t (k, v) VALUES (?, 1)').run(k)
      // Inside the group every call sees the rows of the calls before it; another connection sees none yet.
      seen.push((db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n)
      expect((other.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(0)
      return k
    })
    const answers = await Promise.all(['a', 'b', 'c'].map((k) => put(k)))
    expect(answers).toEqual(['a', 'b', 'c'])
    expect(seen).toEqual([1, 2, 3])
    expect((other.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(3)
    close()
  })

  test('a call that throws rolls back only its own writes; its caller gets the error', async () => {
    const { db, other, close } = files()
    const put = groupCommit(db, (k: string) => {
      db.prepare('INSERT INTO t (k, v) VALUES (?, 1)').run(k)
      if (k === 'bad') throw new Error('refused')
      return k
    })
    const results = await Promise.allSettled([put('a'), put('bad'), put('c'), put('a')])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected'])
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused')
    // The second 'a' broke the primary key inside its own savepoint only.
    expect(String((results[3] as PromiseRejectedResult).reason.code)).toMatch(/SQLITE_CONSTRAINT/)
    expect((other.prepare('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k)).toEqual(['a', 'c'])
    close()
  })

  test('with the savepoint journal in memory, as the store opens its file, a late call that throws in a large group rolls back only its own writes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-group-'))
    const file = path.join(dir, 'db.sqlite')
    const db = openDatabase(file, { seed: false })
    expect(db.pragma('temp_store', { simple: true })).toBe(2)
    db.exec('CREATE TABLE big (k TEXT PRIMARY KEY, v TEXT NOT NULL)')
    const other = new Database(file)
    // 20 rows of 1 KB per call with scattered keys: every call touches pages of its own, ~1 MB of journal in all.
    const put = groupCommit(db, (call: number) => {
      for (let r = 0; r < 20; r++)
        db.prepare('INSERT INTO big (k, v) VALUES (?, ?)').run(`${(r * 7919 + call) % 1000}-${call}-${r}`, 'x'.repeat(1000))
      if (call === 45) throw new Error('refused')
      return call
    })
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, call) => put(call)))
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1)
    expect((other.prepare('SELECT COUNT(*) AS n FROM big').get() as { n: number }).n).toBe(49 * 20)
    expect((other.prepare("SELECT COUNT(*) AS n FROM big WHERE k LIKE '%-45-%'").get() as { n: number }).n).toBe(0)
    db.close()
    other.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('when the shared COMMIT fails, every call of the group gets the error and nothing is kept', async () => {
    const { db, other, close } = files()
    // A deferred foreign key is checked at COMMIT: one bad row fails the whole commit.
    db.exec(
      'CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)',
    )
    db.pragma('foreign_keys = ON')
    db.prepare("INSERT INTO parent (id) VALUES ('p')").run()
    const add = groupCommit(
      db,
      (id: string, parent: string) => db.prepare('INSERT INTO child (id, parent) VALUES (?, ?)').run(id, parent).changes,
    )
    const results = await Promise.allSettled([add('c1', 'p'), add('c2', 'missing'), add('c3', 'p')])
    expect(results.every((r) => r.status === 'rejected')).toBe(true)
    expect(String((results[0] as PromiseRejectedResult).reason.code)).toBe('SQLITE_CONSTRAINT_FOREIGNKEY')
    expect(db.inTransaction).toBe(false)
    expect((other.prepare('SELECT COUNT(*) AS n FROM child').get() as { n: number }).n).toBe(0)
    // The next group starts clean.
    await expect(add('c4', 'p')).resolves.toBe(1)
    expect((other.prepare('SELECT id FROM child').all() as { id: string }[]).map((r) => r.id)).toEqual(['c4'])
    close()
  })

  test('a group in which no call throws runs each call once', async () => {
    const { db, other, close } = files()
    const runs: string[] = []
    const put = groupCommit(db, (k: string) => {
      runs.push(k)
      return db.prepare('INSERT INTO t (k, v) VALUES (?, 1)').run(k).changes
    })
    expect(await Promise.all(['a', 'b', 'c'].map((k) => put(k)))).toEqual([1, 1, 1])
    expect(runs).toEqual(['a', 'b', 'c'])
    expect((other.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(3)
    close()
  })

  test('when a call throws, the group runs again with a savepoint per call: the others are answered from that run, each write kept once', async () => {
    // The first run stops at the call that throws ('c' never ran in it) and is rolled back whole.
    const { db, other, close } = files()
    const runs = new Map<string, number>()
    const put = groupCommit(db, (k: string) => {
      const run = (runs.get(k) ?? 0) + 1
      runs.set(k, run)
      db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, run)
      if (k === 'bad') throw new Error('refused')
      return run
    })
    const results = await Promise.allSettled([put('a'), put('bad'), put('c')])
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([2, 'rejected', 1])
    expect(other.prepare('SELECT k, v FROM t ORDER BY k').all()).toEqual([
      { k: 'a', v: 2 },
      { k: 'c', v: 1 },
    ])
    expect(db.inTransaction).toBe(false)
    close()
  })

  test('a lone call is committed on its own, before the next one starts', async () => {
    const { db, other, close } = files()
    const put = groupCommit(db, (k: string) => db.prepare('INSERT INTO t (k, v) VALUES (?, 1)').run(k).changes)
    await put('a')
    expect((other.prepare('SELECT k FROM t').all() as { k: string }[]).map((r) => r.k)).toEqual(['a'])
    expect(db.inTransaction).toBe(false)
    await put('b')
    expect((other.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(2)
    close()
  })
})
