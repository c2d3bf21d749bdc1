/**
 * The errors the adapter meets, in the shapes the real wx-server-sdk 4.0.2 gives them (its own
 * wrapping of the fake server's answers, test/support/cloudbase-double), and how db-api.ts and
 * doc-helpers.ts recognise each. Also what the SDK sends for queries on a transaction's collection.
 */
import { isDuplicateKey, isNotFound, isTransactionConflict, type StoredDoc, type TransactionApi } from '@cloud/store/cloudbase/db-api'
import { getOrNull, inTransaction, insertOnce } from '@cloud/store/cloudbase/doc-helpers'
import { createCloudbaseDouble, type SdkRequest } from '@test/support/cloudbase-double'

interface SdkFailure {
  errCode?: number
  errMsg?: string
  code?: string
  message?: string
}

const failure = (e: unknown) => e as SdkFailure

async function withCounter() {
  const double = createCloudbaseDouble({ uniqueIndexes: false })
  await double.db.collection('counters').add({ data: { _id: 'seq', n: 0 } })
  double.requests.reset()
  const next = (tx: TransactionApi) =>
    tx
      .collection<StoredDoc & { n: number }>('counters')
      .doc('seq')
      .get()
      .then(async ({ data }) => {
        await tx
          .collection('counters')
          .doc('seq')
          .update({ data: { n: data.n + 1 } })
        return data.n + 1
      })
  return { double, db: double.db, next }
}

describe('the CloudBase error shapes', () => {
  describe('when a transaction conflicts at commit', () => {
    it('is retried by the SDK itself, then thrown with code DATABASE_TRANSACTION_CONFLICT, which isTransactionConflict knows', async () => {
      const { double, db, next } = await withCounter()
      double.injectConflict({ at: 'commit', times: 2 })
      expect(await db.runTransaction(next, 3)).toBe(1)
      expect(double.requests.total()).toMatchObject({ starts: 3, commits: 3, aborts: 0 })

      double.injectConflict({ at: 'commit', times: 4 })
      const err = failure(await db.runTransaction(next, 3).catch((e: unknown) => e))
      expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
      expect(isTransactionConflict(err)).toBe(true)
      expect((await db.collection<StoredDoc & { n: number }>('counters').doc('seq').get()).data.n).toBe(1)
    })
  })

  describe('when a write inside the callback conflicts', () => {
    it('arrives as errCode -501001 without code whatever the server says, and inTransaction runs the callback again', async () => {
      const { double, db, next } = await withCounter()
      double.injectConflict({ at: 'write', message: 'resource busy' })
      const err = failure(await db.runTransaction(next, 3).catch((e: unknown) => e))
      expect([err.errCode, err.code]).toEqual([-501001, undefined])
      expect(err.errMsg).toMatch(/^document\.update:fail -501001 resource system error\. resource busy/)
      expect(isTransactionConflict(err)).toBe(true)
      // The SDK rolled it back and did not retry: nothing was written.
      expect(double.requests.total()).toMatchObject({ starts: 1, commits: 0, aborts: 1 })

      double.injectConflict({ at: 'write', message: 'resource busy' })
      expect(await inTransaction(db, next)).toBe(1)
    })
  })

  describe('when a document breaks a unique key', () => {
    it('arrives as errCode -502001 with the server’s E11000 text, and insertOnce answers exists', async () => {
      const { db } = createCloudbaseDouble()
      await db.collection('c').add({ data: { _id: 'x' } })
      const err = failure(
        await db
          .collection('c')
          .add({ data: { _id: 'x' } })
          .catch((e: unknown) => e),
      )
      expect(err.errCode).toBe(-502001)
      expect(err.errMsg).toMatch(/E11000 duplicate key error/)
      expect(isDuplicateKey(err)).toBe(true)
      expect(await insertOnce(db, 'c', { _id: 'x' })).toBe('exists')
    })
  })

  describe('when a document is missing', () => {
    it('arrives as errCode -1 "document with _id … does not exist", and getOrNull answers null', async () => {
      const { db } = createCloudbaseDouble()
      const err = failure(
        await db
          .collection('c')
          .doc('none')
          .get()
          .catch((e: unknown) => e),
      )
      expect(err.errCode).toBe(-1)
      expect(err.errMsg).toBe('document.get:fail document with _id none does not exist')
      expect(isNotFound(err)).toBe(true)
      expect(isTransactionConflict(err) || isDuplicateKey(err)).toBe(false)
      expect(await getOrNull(db.collection('c').doc('none'))).toBeNull()
    })
  })
})

describe('a collection taken from a transaction', () => {
  it('is sent without the transaction id by where().update() and count(), so TransactionApi offers doc() only', async () => {
    const sent: SdkRequest[] = []
    const { db } = createCloudbaseDouble({ onRequest: (r) => sent.push(r) })
    await db.runTransaction(async (tx) => {
      await tx
        .collection('c')
        .doc('a')
        .set({ data: { n: 1 } })
      // @ts-expect-error TransactionApi offers doc() only: where() would run outside the transaction, as this shows.
      const raw: { where(c: object): { update(o: object): Promise<unknown>; count(): Promise<unknown> } } = tx.collection('c')
      await raw.where({ n: 1 }).update({ data: { n: 2 } })
      await raw.where({ n: 1 }).count()
    })
    const tid = (action: string, queryType?: string) =>
      sent.find((r) => r.action === action && (!queryType || r.params.queryType === queryType))?.params.transactionId
    expect(tid('database.modifyDocument', 'DOC')).toEqual(expect.any(String))
    expect(tid('database.modifyDocument', 'WHERE')).toBeUndefined()
    expect(tid('database.calculateDocument')).toBeUndefined()
  })
})
