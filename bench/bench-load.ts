/** What the create load books, shared by the HTTP phase (run.ts) and the in-process measure (create-cpu.ts). */
import { nthIdNumber } from '../test/support/id-numbers'

/** The server's clock: a Thursday morning, Beijing time. */
export const APP_NOW = '2026-11-26T08:00:00+08:00'
export const BENCH_SERVICE = 'lsw-medical-remote'
/** Open days inside the horizon from APP_NOW, and the day's slot starts (30-minute slots). */
export const BENCH_DATES = ['2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']
export const BENCH_STARTS = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '13:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
]

/**
 * The i-th create of the load: a new person (ID number), a new request id, spread over the days and slots so every
 * request makes a booking.
 */
export function createBody(i: number) {
  return {
    action: 'create',
    centerId: 'lsw',
    serviceId: BENCH_SERVICE,
    date: BENCH_DATES[i % BENCH_DATES.length],
    start: BENCH_STARTS[Math.floor(i / BENCH_DATES.length) % BENCH_STARTS.length],
    person: { name: '王建国', idNumber: nthIdNumber(i), phone: '13812345678' },
    forSelf: true,
    consent: true,
    requestId: `bench-request-${i}`,
  }
}
