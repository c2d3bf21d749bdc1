/**
 * buildHttpApp hands its clock to the actions: the day an answer names is the server clock's Beijing day, in every
 * time zone (the rest of buildHttpApp, which reads no date: http-app.test.ts).
 * @timezone
 */
import { buildHttpApp } from '@cloud/server/http-app'
import { createTempStore } from '@test/support/temp-store'

describe('buildHttpApp', () => {
  describe('when the server clock reads the morning of 国庆节', () => {
    it('returns that day, closed, in getInfo', async () => {
      const store = createTempStore()
      const now = new Date('2026-10-01T10:00:00+08:00')
      const app = await buildHttpApp({ store, now: () => now, production: false })
      try {
        const base = await app.listen({ port: 0, host: '127.0.0.1' })
        const res = await fetch(`${base}/api/center`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'getInfo', centerId: 'lsw' }),
        })
        expect(res.status).toBe(200)
        expect((await res.json()).data.today).toMatchObject({ date: '2026-10-01', openState: { state: 'closed_today', reason: '国庆节' } })
      } finally {
        await app.close()
        store.dispose()
      }
    })
  })
})
