/**
 * One use case through the real dispatcher on each adapter: the last seat of a slot, booked
 * by two residents at the same moment, goes to exactly one of them; the other hears SLOT_FULL.
 * SQLite: a real file. CloudBase: the adapter on the real wx-server-sdk, answered by the fake server of
 * test/support/cloudbase-double (not CloudBase itself).
 */
import { FUNCTIONS } from '@cloud/functions'
import { DEFAULT_SETTINGS, type ActionContext } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import type { Store } from '@cloud/store/port'
import { createInput, TEST_PII, WORKDAY_MORNING } from '../support/booking-harness'
import { createCloudbaseDouble } from '../support/cloudbase-double'
import { createTempStore } from '../support/temp-store'
import { expectOk } from '@test/support/expect-ok'

const SERVICE = 'lsw-medical-remote'
const DATE = '2026-11-27'
const START = '09:00'

const adapters: [string, () => Promise<{ store: Store; dispose(): void }>][] = [
  [
    'sqlite',
    async () => {
      const temp = createTempStore()
      return { store: temp, dispose: () => temp.dispose() }
    },
  ],
  [
    'cloudbase (the real SDK on the fake server)',
    async () => {
      const { db } = createCloudbaseDouble()
      await seedCloudbase(db)
      return { store: createCloudbaseStore(db, TEST_PII), dispose: () => {} }
    },
  ],
]

describe.each(adapters)('booking.create on the %s store', (_name, open) => {
  describe('when two residents book the last seat at once', () => {
    it('books one and answers SLOT_FULL to the other', async () => {
      const { store, dispose } = await open()
      try {
        const call = (n: number) => {
          const ctx: ActionContext = {
            openid: `resident-${n}`,
            store,
            now: () => WORKDAY_MORNING,
            requestId: `t${n}`,
            pii: TEST_PII,
            settings: DEFAULT_SETTINGS,
          }
          return dispatch(
            FUNCTIONS.booking as never,
            { action: 'create', ...createInput(n, { serviceId: SERVICE, date: DATE, start: START }) },
            ctx,
          )
        }
        const service = (await store.centers.service('lsw', SERVICE))!
        const capacity = service.slotCapacity ?? service.windowIds.length * service.perWindowCapacity
        for (let n = 1; n < capacity; n++) expectOk(await call(n))

        const [a, b] = await Promise.all([call(100), call(101)])
        expect([a.ok, b.ok].sort()).toEqual([false, true])
        const refused = a.ok ? b : a
        expect(!refused.ok && refused.error.code).toBe('SLOT_FULL')
        expect(await store.bookings.slotCounts(SERVICE, DATE, DATE)).toEqual([{ date: DATE, start: START, capacity, booked: capacity }])
      } finally {
        dispose()
      }
    })
  })
})
