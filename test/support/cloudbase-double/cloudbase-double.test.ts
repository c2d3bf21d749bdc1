/**
 * The documented behaviour of the CloudBase database double (test/support/cloudbase-double): the
 * real wx-server-sdk database, its requests answered by the fake server. These pin what the adapter
 * relies on; they do not prove CloudBase behaves so (see the header of index.ts).
 */
import {
  isDuplicateKey,
  isNotFound,
  isTransactionConflict,
  type DbApi,
  type StoredDoc,
  type TransactionApi,
} from '@cloud/store/cloudbase/db-api'
import { inTransaction } from '@cloud/store/cloudbase/doc-helpers'
import { createCloudbaseDouble, type CloudbaseDouble } from '.'

interface Slot extends StoredDoc {
  remaining: number
  date?: string
}

describe('the CloudBase double', () => {
  let double: CloudbaseDouble
  let db: DbApi
  beforeEach(() => {
    double = createCloudbaseDouble({ uniqueIndexes: false })
    db = double.db
  })
  const _ = () => db.command

  describe('when adding documents', () => {
    it('picks an _id when none is given', async () => {
      const { _id } = await db.collection('c').add({ data: { a: 1 } })
      expect(typeof _id).toBe('string')
      expect((await db.collection('c').doc(_id).get()).data).toEqual({ _id, a: 1 })
    })

    it('refuses an _id that exists, as a duplicate key', async () => {
      await db.collection('c').add({ data: { _id: 'x', a: 1 } })
      const err = await db
        .collection('c')
        .add({ data: { _id: 'x', a: 2 } })
        .catch((e: unknown) => e)
      expect(isDuplicateKey(err)).toBe(true)
      expect((await db.collection('c').doc('x').get()).data.a).toBe(1)
    })

    it('refuses a document breaking a unique index of cloudbase/indexes.json (missing fields count as null)', async () => {
      const indexed = createCloudbaseDouble().db.collection('staff_invites')
      await indexed.add({ data: { codeHash: 'a' } })
      await indexed.add({ data: { codeHash: 'b' } })
      const again = await indexed.add({ data: { codeHash: 'a' } }).catch((e: unknown) => e)
      expect(isDuplicateKey(again)).toBe(true)
      await indexed.add({ data: { other: 1 } })
      expect(isDuplicateKey(await indexed.add({ data: { other: 2 } }).catch((e: unknown) => e))).toBe(true)
    })

    it('keeps what EJSON carries (a Date stays a Date) and drops undefined fields', async () => {
      const at = new Date('2026-11-26T01:00:00Z')
      await db.collection('c').add({ data: { _id: 'u', a: undefined, b: 1, at } })
      expect((await db.collection('c').doc('u').get()).data).toEqual({ _id: 'u', b: 1, at })
    })

    it('hands out copies: changing a result does not change the store', async () => {
      await db.collection('c').add({ data: { _id: 'k', list: [1] } })
      const { data } = await db.collection('c').doc('k').get()
      ;(data.list as number[]).push(2)
      expect((await db.collection('c').doc('k').get()).data.list).toEqual([1])
    })
  })

  describe('when reading one document', () => {
    it('rejects a missing document (wx-server-sdk throwOnNotFound)', async () => {
      const err = await db
        .collection('c')
        .doc('none')
        .get()
        .catch((e: unknown) => e)
      expect(isNotFound(err)).toBe(true)
    })
  })

  describe('when querying', () => {
    beforeEach(async () => {
      const c = db.collection('q')
      for (let i = 0; i < 12; i++) {
        await c.add({
          data: {
            _id: `d${String(i).padStart(2, '0')}`,
            n: i,
            kind: i % 2 ? 'odd' : 'even',
            tags: i < 3 ? ['low'] : [],
            nested: { x: i % 3 },
            ...(i === 0 ? {} : { maybe: i }),
          },
        })
      }
    })
    const ids = (docs: StoredDoc[]) => docs.map((d) => d._id)

    it('matches equality, nested objects as dotted paths and array members', async () => {
      expect((await db.collection('q').where({ kind: 'odd', 'nested.x': 1 }).count()).total).toBe(2)
      expect(
        (
          await db
            .collection('q')
            .where({ nested: { x: 0 } })
            .count()
        ).total,
      ).toBe(4)
      expect((await db.collection('q').where({ tags: 'low' }).count()).total).toBe(3)
    })

    it('applies the comparison commands and compares only values of one type', async () => {
      const q = db.collection('q')
      expect((await q.where({ n: _().gt(9) }).count()).total).toBe(2)
      expect((await q.where({ n: _().gte(9).and(_().lt(11)) }).count()).total).toBe(2)
      expect((await q.where({ n: _().in([1, 2, 99]) }).count()).total).toBe(2)
      expect((await q.where({ n: _().nin([1, 2]) }).count()).total).toBe(10)
      expect((await q.where({ n: _().neq(0) }).count()).total).toBe(11)
      expect((await q.where({ kind: _().gt(5) }).count()).total).toBe(0)
      expect((await q.where({ n: _().lt(2).or(_().gt(10)) }).count()).total).toBe(3)
    })

    it('treats null and exists as MongoDB does for missing fields', async () => {
      expect(ids((await db.collection('q').where({ maybe: null }).get()).data)).toEqual(['d00'])
      expect(
        (
          await db
            .collection('q')
            .where({ maybe: _().exists(false) })
            .count()
        ).total,
      ).toBe(1)
      expect(
        (
          await db
            .collection('q')
            .where({ maybe: _().neq(3) })
            .count()
        ).total,
      ).toBe(11)
    })

    it('combines conditions with a top-level or/and', async () => {
      expect(
        (
          await db
            .collection('q')
            .where(_().or([{ n: 0 }, { n: 11 }]))
            .count()
        ).total,
      ).toBe(2)
      expect(
        (
          await db
            .collection('q')
            .where(_().and({ kind: 'odd' }, { n: _().lt(5) }))
            .count()
        ).total,
      ).toBe(2)
    })

    it('orders by several fields, skips and limits', async () => {
      const { data } = await db.collection('q').orderBy('kind', 'asc').orderBy('n', 'desc').skip(1).limit(3).get()
      expect(ids(data)).toEqual(['d08', 'd06', 'd04'])
    })

    it('answers 100 documents to a get() without limit, as the SDK sends, and pages with skip', async () => {
      const p = db.collection('p')
      await Promise.all(Array.from({ length: 105 }, (_x, i) => p.add({ data: { n: i } })))
      expect((await p.get()).data).toHaveLength(100)
      expect((await p.limit(0).get()).data).toHaveLength(100)
      expect((await p.orderBy('n', 'asc').skip(100).limit(10).get()).data.map((d) => d.n)).toEqual([100, 101, 102, 103, 104])
      expect((await p.count()).total).toBe(105)
    })

    it('caps a cloud function read at 1000 documents whatever limit asks', async () => {
      const big = db.collection('big')
      await Promise.all(Array.from({ length: 1005 }, (_x, i) => big.add({ data: { n: i } })))
      expect((await big.limit(5000).get()).data).toHaveLength(1000)
    })

    it('lets a second where() replace the first, as the SDK builds it', async () => {
      expect(
        (
          await db
            .collection('q')
            .where({ kind: 'odd' })
            .where({ n: _().lt(4) })
            .count()
        ).total,
      ).toBe(4)
    })

    it('throws on a where() whose every value is undefined', () => {
      expect(() => db.collection('q').where({ kind: undefined })).toThrow()
    })
  })

  describe('when updating', () => {
    beforeEach(async () => {
      await db.collection<Slot>('slots').add({ data: { _id: 's', remaining: 1, date: '2026-05-01' } })
    })

    it('updates with a condition and reports how many documents changed', async () => {
      const slots = db.collection<Slot>('slots')
      const first = await slots.where({ _id: 's', remaining: _().gt(0) }).update({ data: { remaining: _().inc(-1) } })
      const second = await slots.where({ _id: 's', remaining: _().gt(0) }).update({ data: { remaining: _().inc(-1) } })
      expect([first.stats.updated, second.stats.updated]).toEqual([1, 0])
      expect((await slots.doc('s').get()).data.remaining).toBe(0)
    })

    it('gives exactly the seats there are to concurrent conditional decrements', async () => {
      await db
        .collection<Slot>('slots')
        .doc('s')
        .update({ data: { remaining: 5 } })
      const tries = Array.from({ length: 50 }, () =>
        db
          .collection<Slot>('slots')
          .where({ _id: 's', remaining: _().gt(0) })
          .update({ data: { remaining: _().inc(-1) } }),
      )
      const won = (await Promise.all(tries)).filter((r) => r.stats.updated === 1)
      expect(won).toHaveLength(5)
      expect((await db.collection<Slot>('slots').doc('s').get()).data.remaining).toBe(0)
    })

    it('answers updated 0 for a missing document and for a change that changes nothing', async () => {
      expect(
        (
          await db
            .collection('slots')
            .doc('none')
            .update({ data: { remaining: 1 } })
        ).stats.updated,
      ).toBe(0)
      expect(
        (
          await db
            .collection('slots')
            .doc('s')
            .update({ data: { remaining: 1 } })
        ).stats.updated,
      ).toBe(0)
    })

    it('merges plain objects field by field, replaces with _.set, removes with _.remove', async () => {
      const c = db.collection('m')
      await c.add({ data: { _id: 'm', a: { x: 1, y: 2 }, b: 1, n: 1 } })
      await c.doc('m').update({ data: { a: { x: 9 }, 'c.d': 4, b: _().remove(), n: _().inc(2), fresh: _().inc(3) } })
      expect((await c.doc('m').get()).data).toEqual({ _id: 'm', a: { x: 9, y: 2 }, c: { d: 4 }, n: 3, fresh: 3 })
      await c.doc('m').update({ data: { a: _().set({ z: 1 }) } })
      expect((await c.doc('m').get()).data.a).toEqual({ z: 1 })
    })

    it('refuses to change _id, commands inside set, and inc on a non-number', async () => {
      const c = db.collection('slots')
      await expect(c.doc('s').update({ data: { _id: 'x' } })).rejects.toThrow(/_id/)
      await expect(c.doc('s').set({ data: { remaining: _().inc(1) } })).rejects.toThrow(/operator/)
      await expect(c.doc('s').update({ data: { date: _().inc(1) } })).rejects.toThrow(/inc/)
    })

    it('set replaces the whole document and creates a missing one', async () => {
      const c = db.collection('slots')
      expect((await c.doc('s').set({ data: { remaining: 3 } })).stats).toEqual({ updated: 1, created: 0 })
      expect((await c.doc('s').get()).data).toEqual({ _id: 's', remaining: 3 })
      expect((await c.doc('t').set({ data: { remaining: 2 } })).stats).toEqual({ updated: 0, created: 1 })
    })

    it('updates and removes every matching document', async () => {
      const c = db.collection('many')
      for (let i = 0; i < 7; i++) await c.add({ data: { i, on: true } })
      expect((await c.where({ i: _().lt(4) }).update({ data: { on: false } })).stats.updated).toBe(4)
      expect((await c.where({ on: false }).remove()).stats.removed).toBe(4)
      expect((await c.count()).total).toBe(3)
    })
  })

  describe('when running transactions', () => {
    const nextNumber = () =>
      db.runTransaction(async (tx) => {
        const { data } = await tx.collection<StoredDoc & { n: number }>('counters').doc('seq').get()
        await tx
          .collection('counters')
          .doc('seq')
          .update({ data: { n: data.n + 1 } })
        return data.n + 1
      })

    beforeEach(async () => {
      await db.collection('counters').add({ data: { _id: 'seq', n: 0 } })
    })

    it('commits single-document reads and writes', async () => {
      expect(await nextNumber()).toBe(1)
      expect(await nextNumber()).toBe(2)
    })

    it('answers a write conflict inside the callback at once; the SDK rolls back without retrying, the adapter runs it again', async () => {
      let calls = 0
      const step = async (t: TransactionApi) => {
        calls++
        const { data } = await t.collection<StoredDoc & { n: number }>('counters').doc('seq').get()
        await t
          .collection('counters')
          .doc('seq')
          .update({ data: { n: data.n + 1 } })
        return data.n + 1
      }
      const raw = await Promise.allSettled([db.runTransaction(step), db.runTransaction(step)])
      expect(raw.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
      const lost = (raw.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as { errCode?: number; code?: string }
      expect([lost.errCode, lost.code, isTransactionConflict(lost)]).toEqual([-501001, undefined, true])
      expect(calls).toBe(2)
      expect(double.requests.total()).toMatchObject({ starts: 2, commits: 1, aborts: 1 })

      const got = await Promise.all([inTransaction(db, step), inTransaction(db, step), inTransaction(db, step)])
      expect(got.sort()).toEqual([2, 3, 4])
    })

    it('conflicts at commit when a document it read was written meanwhile, and the SDK runs the callback again itself', async () => {
      let calls = 0
      const copied = await db.runTransaction(async (tx) => {
        calls++
        const { data } = await tx.collection<StoredDoc & { n: number }>('counters').doc('seq').get()
        if (calls === 1)
          await db
            .collection('counters')
            .doc('seq')
            .update({ data: { n: _().inc(10) } })
        await tx
          .collection('counters')
          .doc('copy')
          .set({ data: { n: data.n } })
        return data.n
      })
      expect([calls, copied]).toEqual([2, 10])
      expect(double.requests.total()).toMatchObject({ starts: 2, commits: 2, aborts: 0 })
    })

    it('conflicts with a plain write made while it ran, before its own write to that document', async () => {
      let calls = 0
      const result = await inTransaction(db, async (tx) => {
        calls++
        const { data } = await tx.collection<StoredDoc & { n: number }>('counters').doc('seq').get()
        if (calls === 1)
          await db
            .collection('counters')
            .doc('seq')
            .update({ data: { n: _().inc(10) } })
        await tx
          .collection('counters')
          .doc('seq')
          .update({ data: { n: data.n + 1 } })
        return data.n + 1
      })
      expect([calls, result]).toEqual([2, 11])
    })

    it('drops every buffered write when the callback throws', async () => {
      await expect(
        db.runTransaction(async (tx) => {
          await tx
            .collection('counters')
            .doc('seq')
            .update({ data: { n: 5 } })
          await tx
            .collection('counters')
            .doc('other')
            .set({ data: { n: 1 } })
          throw new Error('no')
        }),
      ).rejects.toThrow('no')
      expect((await db.collection('counters').count()).total).toBe(1)
      expect((await db.collection<StoredDoc & { n: number }>('counters').doc('seq').get()).data.n).toBe(0)
    })

    it('reads its own writes, and a missing document rejects inside it too', async () => {
      const seen = await db.runTransaction(async (tx) => {
        await tx
          .collection('counters')
          .doc('new')
          .set({ data: { n: 7 } })
        const err = await tx
          .collection('counters')
          .doc('none')
          .get()
          .catch((e: unknown) => e)
        return { n: (await tx.collection<StoredDoc & { n: number }>('counters').doc('new').get()).data.n, missing: isNotFound(err) }
      })
      expect(seen).toEqual({ n: 7, missing: true })
    })
  })
})
