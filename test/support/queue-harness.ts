import { currentCheckInCode } from '@cloud/functions/queue/check-in-code'
import { bookingHarness, createInput, TEST_PII, type BookingHarness } from './booking-harness'
import { idNumberFor } from './id-numbers'
import type { ActionName } from '@/contract'
import { expectOk } from './expect-ok'

/** The working day the queue tests run on: Thursday 26 November 2026 (the harness clock starts at 09:00 Beijing). */
export const QUEUE_DAY = '2026-11-26'

let counter = 0

/**
 * The booking harness plus the queue's usual moves: book for today, check in
 * with the code the hall screen shows, take a walk-in, act at a window.
 */
export function queueHarness(h: BookingHarness = bookingHarness()) {
  /** A booking for today (made at the harness's current time, so before the slot). `birth` decides the green channel. */
  async function book(options: { date?: string; start?: string; serviceId?: string; birth?: string; openid?: string; n?: number } = {}) {
    const n = options.n ?? ++counter
    const res = await h.call(
      'booking',
      {
        action: 'create',
        ...createInput(n, {
          date: options.date ?? QUEUE_DAY,
          start: options.start ?? '10:00',
          serviceId: options.serviceId ?? 'lsw-medical-remote',
          person: { name: '王建国', idNumber: idNumberFor(options.birth ?? '1980-05-05', n % 1000), phone: '13812345678' },
        }),
      },
      options.openid ?? 'resident-a',
    )
    return expectOk(res)
  }

  /** The on-site code the hall screen shows at the harness's current time. */
  const code = (centerId = 'lsw') => currentCheckInCode(TEST_PII, centerId, h.now()).code

  const checkIn = (bookingId: string, openid = 'resident-a', extra: Record<string, unknown> = {}) =>
    h.call('queue', { action: 'checkIn', centerId: 'lsw', bookingId, code: code(), ...extra }, openid)

  const walkIn = (serviceId = 'lsw-pension-enroll', extra: Record<string, unknown> = {}, openid = 'dev-clerk-liu') =>
    h.call(
      'queue',
      { action: 'issueWalkIn', centerId: 'lsw', serviceId, requestId: `walk-in-${process.pid}-${++counter}`, source: 'kiosk', ...extra },
      openid,
    )

  /** A console action at a window. */
  const act = <A extends ActionName<'queue'>>(
    action: A,
    window: number,
    id?: string,
    openid = 'dev-clerk-liu',
    extra: Record<string, unknown> = {},
  ) => h.call('queue', { action, centerId: 'lsw', window, ...(id ? { id } : {}), ...extra }, openid)

  const callNext = (window: number, openid = 'dev-clerk-liu') => act('callNext', window, undefined, openid)

  return { h, book, code, checkIn, walkIn, act, callNext }
}

export type QueueHarness = ReturnType<typeof queueHarness>
