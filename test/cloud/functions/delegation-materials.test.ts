/** The delegation area through its function: 补正 with photos, the checklist and the originals. */
import { CASE_STATES, nextState } from '@/core/delegation-states'
import {
  caseStoreViews,
  CLERK,
  delegationHarness,
  jpeg,
  OTHER_CLERK,
  PATH_TO,
  png,
  RESIDENT,
  type DelegationHarness,
} from '@test/support/delegation-harness'
import { expectOk } from '@test/support/expect-ok'
import fs from 'node:fs'
import path from 'node:path'

let h: DelegationHarness
beforeEach(() => {
  h = delegationHarness()
})
afterEach(() => h.close())

const { rows, count, auditActions, filesOf, served } = caseStoreViews(() => h)

describe('补正 by the resident', () => {
  async function waiting() {
    const c = await h.create()
    await h.drive(c.id, ['start', 'ask_supplement'])
    return c
  }

  describe('when the case waits for a supplement', () => {
    it('shows what is missing, then takes the reply with photos and resumes the clock', async () => {
      const c = await waiting()
      const seen = await h.call('get', { id: c.id }, RESIDENT)
      expect(seen).toMatchObject({
        ok: true,
        data: {
          state: 'needs_supplement',
          canReply: true,
          supplement: { missing: ['户口簿（户主页和本人页）'], note: '请补交户口簿照片或原件' },
          deadline: { paused: true },
        },
      })
      const p1 = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      const p2 = await h.call('uploadPhoto', { id: c.id, dataUrl: png() }, RESIDENT)
      expect(p1).toMatchObject({ ok: true, data: { photoId: expect.stringMatching(/^ph/), bytes: 2000 } })
      const ids = [expectOk(p1).photoId, expectOk(p2).photoId]
      const replied = await h.call('reply', { id: c.id, text: '户口簿照片见附件', photoIds: ids }, RESIDENT)
      expect(replied).toMatchObject({
        ok: true,
        data: { state: 'processing', canReply: false, supplement: null, deadline: { paused: false } },
      })
      expect(expectOk(replied).timeline.at(-1)).toMatchObject({
        kind: 'supplement',
        actor: 'resident',
        actorName: '您',
        note: '户口簿照片见附件',
        photoIds: ids,
      })
      // A URL, not the bytes: it serves the photo, and expires in 10 minutes.
      const staffSees = expectOk(await h.call('getPhoto', { id: c.id, photoId: ids[0] }, CLERK))
      expect(staffSees).toMatchObject({
        photoId: ids[0],
        url: expect.stringMatching(new RegExp(`^/files/cases/${c.id}/[0-9a-f]{32}\\.jpg\\?e=`)),
      })
      expect(new Date(staffSees.expiresAt).getTime() - Date.now()).toBeGreaterThan(590_000)
      expect(served(staffSees.url)).toEqual({ bytes: Buffer.from(jpeg().split(',')[1], 'base64'), contentType: 'image/jpeg' })
      const residentSees = expectOk(await h.call('getPhoto', { id: c.id, photoId: ids[1] }, RESIDENT))
      expect(served(residentSees.url)).toMatchObject({ contentType: 'image/png' })
      expect(auditActions(c.id)).toContain('delegation.getPhoto')
    })
    it('keeps photos out of the audit log and the timeline rows (only their ids)', async () => {
      const c = await waiting()
      const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      await h.call('reply', { id: c.id, text: '见照片', photoIds: [expectOk(p).photoId] }, RESIDENT)
      await h.call('getPhoto', { id: c.id, photoId: expectOk(p).photoId }, CLERK)
      const logged = JSON.stringify([rows('SELECT * FROM audit_log'), rows('SELECT * FROM case_events'), rows('SELECT * FROM messages')])
      expect(logged).not.toContain('base64')
      // The photo row names its file; the bytes are in the files folder, 0600.
      const [row] = rows('SELECT file FROM case_photos')
      expect(row.file).toMatch(new RegExp(`^cases/${c.id}/[0-9a-f]{32}\\.jpg$`))
      expect(fs.statSync(path.join(h.store.files.dir, row.file as string)).mode & 0o777).toBe(0o600)
    })
    it('still shows a photo stored inside the row before photos moved to the file store', async () => {
      const c = await waiting()
      const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      await h.call('reply', { id: c.id, text: '见照片', photoIds: [expectOk(p).photoId] }, RESIDENT)
      h.store.db.prepare('UPDATE case_photos SET file = ?').run(png())
      expect(await h.call('getPhoto', { id: c.id, photoId: expectOk(p).photoId }, CLERK)).toMatchObject({ ok: true, data: { url: png() } })
    })
    it('answers NOT_FOUND for a photo whose file is gone', async () => {
      const c = await waiting()
      const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      fs.rmSync(path.join(h.store.files.dir, 'cases', c.id), { recursive: true })
      expect(await h.call('getPhoto', { id: c.id, photoId: expectOk(p).photoId }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
  })

  describe('when a photo is not acceptable', () => {
    it('refuses a seventh photo waiting to be sent with LIMIT_REACHED, and a reply with four', async () => {
      const c = await waiting()
      const ids: string[] = []
      for (let i = 0; i < 6; i++) {
        const p = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
        ids.push(expectOk(p).photoId)
      }
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'LIMIT_REACHED' },
      })
      // The refused photo's file was taken back: six files for six photos.
      expect(filesOf(c.id)).toHaveLength(6)
      expect(await h.call('reply', { id: c.id, text: '见照片', photoIds: ids.slice(0, 4) }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { photoIds: '一次最多附 3 张照片' } },
      })
    })
    it('drops the photos uploaded but left out of the reply', async () => {
      const c = await waiting()
      const kept = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      const dropped = await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)
      await h.call('reply', { id: c.id, text: '见照片', photoIds: [expectOk(kept).photoId] }, RESIDENT)
      expect(rows('SELECT id FROM case_photos')).toEqual([{ id: expectOk(kept).photoId }])
      expect(filesOf(c.id)).toEqual([path.basename(rows('SELECT file FROM case_photos')[0].file as string)])
      expect(await h.call('getPhoto', { id: c.id, photoId: expectOk(dropped).photoId }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
    it('refuses more than 44 KB with PAYLOAD_TOO_LARGE', async () => {
      const c = await waiting()
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg(44 * 1024 + 10) }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE' },
      })
      expect(filesOf(c.id)).toEqual([])
    })
    it('refuses a file that only claims to be a JPEG', async () => {
      const c = await waiting()
      const fake = `data:image/jpeg;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: fake }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      expect(filesOf(c.id)).toEqual([])
      expect(count('SELECT COUNT(*) AS n FROM case_photos')).toBe(0)
    })
    it('refuses an upload when no supplement is asked for with CONFLICT', async () => {
      const c = await h.create()
      expect(await h.call('uploadPhoto', { id: c.id, dataUrl: jpeg() }, RESIDENT)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
    it('refuses a reply with a photo that is not the resident’s pending one, and writes nothing', async () => {
      const c = await waiting()
      const res = await h.call('reply', { id: c.id, text: '见照片', photoIds: ['ph-someone-else'] }, RESIDENT)
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { photoIds: expect.any(String) } } })
      expect((await h.call('get', { id: c.id }, RESIDENT)).ok && (await h.call('get', { id: c.id }, RESIDENT))).toMatchObject({
        data: { state: 'needs_supplement' },
      })
    })
  })

  describe('when the resident takes a step the state does not allow', () => {
    it.each(CASE_STATES.filter((s) => s !== 'needs_supplement'))('refuses a reply in %s with CONFLICT', async (state) => {
      const c = await h.create()
      await h.drive(c.id, PATH_TO[state])
      expect(await h.call('reply', { id: c.id, text: '补好了' }, RESIDENT)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
    it.each(CASE_STATES)('answers a withdrawal in %s as the table says', async (state) => {
      const c = await h.create()
      await h.drive(c.id, PATH_TO[state])
      const res = await h.call('withdraw', { id: c.id, reason: '不需要了' }, RESIDENT)
      if (nextState(state, 'withdraw', 'resident')) expect(res).toMatchObject({ ok: true, data: { state: 'withdrawn', deadline: null } })
      else expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    })
    it('explains why a case already sent to the department cannot be withdrawn', async () => {
      const c = await h.create()
      await h.drive(c.id, PATH_TO.submitted)
      expect(await h.call('withdraw', { id: c.id }, RESIDENT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '材料已报送部门，不能再撤销；如有疑问请联系窗口' },
      })
    })
  })
})

describe('checklist and originals', () => {
  describe('when a clerk ticks materials', () => {
    it('records each item’s status with who ticked it and when', async () => {
      const c = await h.intake()
      h.setNow('2026-11-26T10:15:00+08:00')
      await h.call('tickMaterial', { id: c.id, index: 0, status: 'received' }, CLERK)
      await h.call('tickMaterial', { id: c.id, index: 1, status: 'missing' }, CLERK)
      expect(await h.call('tickMaterial', { id: c.id, index: 3, status: 'not_applicable' }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields: { reason: '请写明免交原因' } },
      })
      const res = await h.call('tickMaterial', { id: c.id, index: 3, status: 'not_applicable', reason: '申领表由窗口代填' }, CLERK)
      expect(
        res.ok &&
          res.data.materials.map(
            (m: { status: string; statusText: string; reason: string | null; byName: string | null; at: string | null }) => [
              m.status,
              m.statusText,
              m.reason,
              m.byName,
              m.at,
            ],
          ),
      ).toEqual([
        ['received', '已收到', null, '刘芳', '2026-11-26T02:15:00.000Z'],
        ['missing', '缺少', null, '刘芳', '2026-11-26T02:15:00.000Z'],
        ['pending', '待核对', null, null, null],
        ['not_applicable', '免交', '申领表由窗口代填', '刘芳', '2026-11-26T02:15:00.000Z'],
      ])
      expect(await h.call('tickMaterial', { id: c.id, index: 9, status: 'received' }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(auditActions(c.id).filter((a) => a === 'delegation.tickMaterial')).toHaveLength(3)
    })
    it('shows the resident the status without the clerk’s name', async () => {
      const c = await h.create()
      await h.call('tickMaterial', { id: c.id, index: 0, status: 'received' }, CLERK)
      const mine = await h.call('get', { id: c.id }, RESIDENT)
      expect(expectOk(mine).materials[0]).toEqual({
        index: 0,
        name: '本人居民身份证',
        copies: '原件',
        note: null,
        status: 'received',
        statusText: '已收到',
        reason: null,
      })
    })
  })

  describe('when originals change hands', () => {
    it('logs each received and returned original, refuses a second return, and gives back the rest with the result', async () => {
      const c = await h.intake()
      const r1 = await h.call('logOriginal', { id: c.id, kind: 'received', name: '户口簿', count: 1 }, CLERK)
      const r2 = await h.call('logOriginal', { id: c.id, kind: 'received', name: '银行卡', count: 1, note: '尾号 8899' }, OTHER_CLERK)
      const ids = expectOk(r2).originals.map((o) => o.id)
      expect(expectOk(r2).originalsHeld.map((o: { name: string }) => o.name)).toEqual(['户口簿', '银行卡'])
      const back = await h.call('logOriginal', { id: c.id, kind: 'returned', receivedId: ids[0] }, CLERK)
      expect(expectOk(back).originalsHeld.map((o: { name: string }) => o.name)).toEqual(['银行卡'])
      expect(await h.call('logOriginal', { id: c.id, kind: 'returned', receivedId: ids[0] }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      const delivered = await h.drive(c.id, ['start', 'submit', 'conclude', 'deliver'])
      expect(delivered!.ok && delivered!.data).toMatchObject({ state: 'delivered', originalsHeld: [] })
      expect(delivered!.ok && delivered!.data.originals.at(-1)).toMatchObject({
        kind: 'returned',
        name: '银行卡',
        receivedId: ids[1],
        note: '随办理结果上门送还',
        byName: '刘芳',
      })
      expectOk(r1)
    })
    it('refuses to return an original of another case', async () => {
      const a = await h.intake()
      const b = await h.intake()
      const got = await h.call('logOriginal', { id: a.id, kind: 'received', name: '户口簿' }, CLERK)
      const id = expectOk(got).originals[0].id
      expect(await h.call('logOriginal', { id: b.id, kind: 'returned', receivedId: id }, CLERK)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
    })
  })
})
