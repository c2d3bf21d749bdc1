import type { NewCase } from '@cloud/store/port'
import { AT, createCase, event, newCase } from '@test/store/contract/delegation'
import { createTempStore, type TempStore } from '@test/support/temp-store'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { TEST_PII } from '@test/support/test-keys'

let store: TempStore
beforeEach(() => (store = createTempStore()))
afterEach(() => store.dispose())

const create = (c: NewCase, date = '2026-11-26') => createCase(store, c, date)

describe('sqliteCaseRepo.create', () => {
  describe('when cases are opened on two dates', () => {
    it('numbers each date from 1 with its own counter row', async () => {
      const a = await create(newCase())
      const b = await create(newCase(), '2026-11-27')
      const c = await create(newCase())
      expect([a, b, c].map((r) => r.kind === 'created' && r.case.caseNo)).toEqual(['DB20261126-0001', 'DB20261127-0001', 'DB20261126-0002'])
      expect(store.db.prepare('SELECT date, last FROM case_sequences ORDER BY date').all()).toEqual([
        { date: '2026-11-26', last: 2 },
        { date: '2026-11-27', last: 1 },
      ])
    })
  })
  describe('when the owner already has the most open cases', () => {
    it('refuses an online case and takes no number', async () => {
      for (let i = 0; i < 5; i++) await create(newCase())
      expect(await create(newCase())).toEqual({ kind: 'too_many_open' })
      expect(store.db.prepare('SELECT last FROM case_sequences').get()).toEqual({ last: 5 })
    })
  })
})

describe('sqliteCaseRepo.step', () => {
  describe('when the case is no longer in the state the caller read', () => {
    it('returns null and writes no event', async () => {
      const r = await create(newCase())
      const id = r.kind === 'created' ? r.case.id : ''
      expect(await store.cases.step(id, { from: 'accepted', to: 'processing', patch: {}, event: event('start') })).toMatchObject({
        state: 'processing',
      })
      expect(await store.cases.step(id, { from: 'accepted', to: 'rejected', patch: { stoppedAt: AT }, event: event('reject') })).toBeNull()
      expect((await store.cases.timeline(id)).map((e) => e.kind)).toEqual(['accept', 'start'])
    })
  })
  describe('when a photo to attach is not the actor’s pending one', () => {
    it('rolls the whole step back', async () => {
      const r = await create(newCase())
      const id = r.kind === 'created' ? r.case.id : ''
      await store.cases.step(id, { from: 'accepted', to: 'processing', patch: {}, event: event('start') })
      await store.cases.step(id, {
        from: 'processing',
        to: 'needs_supplement',
        patch: { pauses: [{ from: AT, to: null }] },
        event: event('ask_supplement'),
      })
      await store.cases.addPhoto(
        {
          id: 'ph-mine',
          caseId: id,
          openid: 'resident-a',
          file: 'data:image/jpeg;base64,/9j/',
          bytes: 3,
          eventSeq: null,
          createdAt: AT,
        },
        3,
      )
      const reply = (photoIds: string[]) =>
        store.cases.step(id, {
          from: 'needs_supplement',
          to: 'processing',
          patch: { pauses: [{ from: AT, to: AT }] },
          event: { ...event('supplement', 'resident-a'), actorKind: 'resident' },
          photoIds,
        })
      expect(await reply(['ph-mine', 'ph-other'])).toBeNull()
      expect((await store.cases.get(id))!.state).toBe('needs_supplement')
      expect((await store.cases.photo(id, 'ph-mine'))!.eventSeq).toBeNull()
      expect(await reply(['ph-mine'])).toMatchObject({ state: 'processing', pauses: [{ from: AT, to: AT }] })
      expect((await store.cases.photo(id, 'ph-mine'))!.eventSeq).toBe(4)
    })
  })
})

describe('migration 006', () => {
  it('is applied', () => {
    expect(store.db.prepare('SELECT name FROM schema_migrations WHERE version = 6').get()).toEqual({
      name: 'delegated cases (帮办代办): cases, the daily case-number counter, checklist, originals log, timeline, photos, ratings, claim attempts',
    })
  })
})

describe('migration 020 (case photos in the file store)', () => {
  it('keeps a photo stored inside its row before it, readable as it was', async () => {
    const r = await create(newCase())
    const caseId = r.kind === 'created' ? r.case.id : ''
    // The database as it was before migration 020: the column named for the data URL, the migration not yet applied.
    store.db.exec('ALTER TABLE case_photos RENAME COLUMN file TO data_url; DELETE FROM schema_migrations WHERE version = 20')
    const dataUrl = 'data:image/jpeg;base64,/9j/4AAQ'
    store.db
      .prepare(
        "INSERT INTO case_photos (id, case_id, openid, data_url, bytes, event_seq, created_at) VALUES ('ph-old', ?, 'resident-a', ?, 6, 3, ?)",
      )
      .run(caseId, dataUrl, AT)
    const migrated = createSqliteStore(store.file, { sealer: TEST_PII })
    try {
      expect(await migrated.cases.photo(caseId, 'ph-old')).toEqual({
        id: 'ph-old',
        caseId,
        openid: 'resident-a',
        file: dataUrl,
        bytes: 6,
        eventSeq: 3,
        createdAt: AT,
      })
    } finally {
      migrated.close()
    }
  })
})
