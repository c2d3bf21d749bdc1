/**
 * The config function's calls for its tests (test/cloud/functions/config*.test.ts), as the admin of 灵山卫 on the
 * booking harness of the current test. Answers are read loosely: each test checks the envelope it expects.
 */
import { bookingHarness, type BookingHarness } from './booking-harness'

export const ADMIN = 'dev-admin-sun'
export const SERVICE = 'lsw-medical-remote'

/** A fresh booking harness for each test of the calling describe block, and the calls on it. */
export function configHarness() {
  let h: BookingHarness
  beforeEach(() => (h = bookingHarness()))
  afterEach(() => h.close())
  const call = (...args: Parameters<BookingHarness['call']>): Promise<any> => h.call(...args)
  const get = async () => (await call('config', { action: 'get', centerId: 'lsw' }, ADMIN)).data
  /** saveService's input for service `id` as the admin sees it now, with `changes`. */
  const serviceInput = async (id: string, changes: Record<string, unknown> = {}) => {
    const s = (await get()).services.find((x: { id: string }) => x.id === id)
    const { categoryName: _c, retired: _r, upcomingBookings: _u, ...fields } = s
    return { action: 'saveService', centerId: 'lsw', ...fields, ...changes }
  }
  /** The slot of SERVICE at `date` `start` as residents see it. */
  const slot = async (date: string, start: string) => {
    const a = (await call('center', { action: 'getAvailability', centerId: 'lsw', serviceId: SERVICE })).data
    return a.days.find((d: { date: string }) => d.date === date).slots.find((s: { start: string }) => s.start === start)
  }
  return { h: () => h, call, get, serviceInput, slot }
}
