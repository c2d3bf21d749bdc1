import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ActionName, FunctionName, Input } from '@/contract'
import { FUNCTIONS } from '@cloud/functions'
import { DEFAULT_SETTINGS, type ActionContext, type AppSettings } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import type { IdentityVerifier } from '@cloud/runtime/identity-verifier'
import { devVerifier } from '@cloud/functions/people/verifier'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import type { Envelope } from '@/contract/envelope'
import { type Answer, type CallData } from './expect-ok'
import { nthIdNumber } from './id-numbers'
import { discardStore, storePerTest, writeSeededDatabase } from './temp-store'
import { TEST_PII } from './test-keys'

export { TEST_PII } from './test-keys'

/** Thursday 26 November 2026, 09:00 in Beijing: an ordinary working morning. */
export const WORKDAY_MORNING = new Date('2026-11-26T09:00:00+08:00')

export interface HarnessOptions {
  now?: Date
  settings?: AppSettings
  verifier?: IdentityVerifier | null
}

/** A fresh SQLite file (seeded with the demo centers) in its own temp dir, with a movable clock. */
export function bookingHarness(options: HarnessOptions = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-booking-'))
  const file = path.join(dir, 'test.sqlite')
  writeSeededDatabase(file)
  const store = createSqliteStore(file, { sealer: TEST_PII })
  return harnessOn({ dir, file, store }, options, () => discardStore(store, dir))
}

/**
 * A harness for each test of a file, all on one store (`storePerTest`): each test starts from the seeded database as
 * with its own file, and with its own clock and verifier. Only for tests that use the store through its connection
 * and leave the photo files alone (see `storePerTest`): the others need `bookingHarness`.
 */
export function harnessPerTest(options: HarnessOptions = {}): { next(): BookingHarness } {
  const stores = storePerTest()
  return {
    next() {
      const temp = stores.next()
      return harnessOn({ dir: temp.dir, file: temp.file, store: temp }, options, () => temp.dispose())
    },
  }
}

/** The harness's calls and clock on a store. */
function harnessOn(
  { dir, file, store }: { dir: string; file: string; store: ReturnType<typeof createSqliteStore> },
  options: HarnessOptions,
  close: () => void,
) {
  let now = options.now ?? WORKDAY_MORNING
  const settings = options.settings ?? DEFAULT_SETTINGS
  // As a dev-mode server: the dev verifier confirms the demo personas; `null` is the switch off (IDENTITY_VERIFICATION=off).
  let verifier = options.verifier === null ? undefined : (options.verifier ?? devVerifier)

  const ctx = (openid: string | null): ActionContext => ({
    openid,
    store,
    now: () => now,
    requestId: 'test',
    pii: TEST_PII,
    settings,
    verifier,
  })

  /**
   * Calls `<fn>.<action>` as `openid` through the real dispatcher (validation, access, envelope). The
   * answer is typed by the contract's output for the action; an action the contract does not name
   * (a test of the dispatcher's refusal) answers `Envelope<unknown>`.
   */
  function call<F extends FunctionName, A extends ActionName<F>>(fn: F, data: CallData<A>, openid?: string | null): Promise<Answer<F, A>>
  function call(fn: FunctionName, data: Record<string, unknown>, openid?: string | null): Promise<Envelope<unknown>>
  function call(fn: FunctionName, data: Record<string, unknown>, openid: string | null = 'resident-a'): Promise<Envelope<unknown>> {
    return dispatch(FUNCTIONS[fn] as never, data, ctx(openid))
  }

  return {
    dir,
    file,
    store,
    ctx,
    call,
    /** Turns the verification switch: another verifier, or `null` for off (the same database, another deployment setting). */
    setVerifier(next: IdentityVerifier | null) {
      verifier = next ?? undefined
    },
    setNow(instant: Date | string) {
      now = new Date(instant)
    },
    now: () => now,
    close,
  }
}

export type BookingHarness = ReturnType<typeof bookingHarness>

let requestCounter = 0
/** A valid booking.create input for person n; override what a test is about. */
export function createInput(n: number, overrides: Partial<Input<'booking', 'create'>> = {}): Input<'booking', 'create'> {
  return {
    centerId: 'lsw',
    serviceId: 'lsw-medical-remote',
    date: '2026-11-27',
    start: '09:00',
    person: { name: '王建国', idNumber: nthIdNumber(n), phone: '13812345678' },
    forSelf: true,
    consent: true,
    requestId: `req-${process.pid}-${++requestCounter}`,
    ...overrides,
  }
}
