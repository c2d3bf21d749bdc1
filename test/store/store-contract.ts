/**
 * The store port's contract, written once and run against every adapter (test/store/adapters-under-test.ts):
 * test/store/sqlite-store*.contract.test.ts (a real SQLite file) and
 * test/store/cloudbase-store*.contract.test.ts (the CloudBase adapter over the in-memory
 * double of the wx-server-sdk database). Each case gets a fresh store seeded with the demo
 * centers, and looks at it only through the port.
 *
 * A section per area lives in test/store/contract/<area>.ts; add one there and list it below. A section whose
 * store reads Beijing dates or clocks itself (day bounds, an offer's expiry, retention cut-offs, the calendar) goes
 * in DATED_SECTIONS too: those run in the `*-dated` files, which run again in each time zone (README, Testing).
 */
import type { Store } from '@cloud/store/port'
import type { Sealer } from '@cloud/store/sealed-fields'
import { auditContract } from './contract/audit'
import { bookingsContract } from './contract/booking'
import { calendarContract } from './contract/calendar'
import { centersContract } from './contract/center'
import { configContract } from './contract/config'
import { configCacheContract } from './contract/config-cache'
import { messagesContract } from './contract/messages'
import { staffAdminContract } from './contract/staff'
import { queueContract } from './contract/queue'
import { homecertContract } from './contract/homecert'
import { casesContract } from './contract/delegation'
import { statsContract } from './contract/stats'
import { retentionContract } from './contract/retention'
import { peopleContract } from './contract/people'
import { ratingsContract } from './contract/rating'
import { sealingContract } from './contract/sealing'
import { waitlistContract } from './contract/waitlist'
import { filesContract } from './contract/files'
import { seatsContract } from './contract/seats'

export interface StoreUnderTest {
  store: Store
  dispose(): void | Promise<void>
  /** Everything the database holds, as stored (the SQLite file and its -wal; every document): what a copy of it shows. */
  stored(): Promise<string>
  /** The same database opened again with these keys (rejects when they are refused). */
  reopen(sealer: Sealer): Promise<Store>
  /** What GET on a file URL the store handed out answers (the bytes), as its adapter serves it; null when refused. */
  fetchFile(url: string): Promise<Buffer | null>
  /**
   * One more seat counted in an existing slot counter with nothing holding it, written beneath the port: what a CloudBase
   * create that died between its seat and its booking leaves (long ago: no function of it at work), or a bug on SQLite.
   */
  strandSeat(serviceId: string, date: string, start: string): Promise<void>
}

/** A fresh, seeded store for one case. */
export type MakeStore = () => Promise<StoreUnderTest>

/** What a section gets: the current case's store. */
export type StoreAccess = () => Store

/** The current case's store with its adapter's raw view, for the sections that look beneath the port. */
export type StoreHarness = () => StoreUnderTest

export type ContractSection = (store: StoreAccess, harness: StoreHarness) => void

const SECTIONS: Record<string, ContractSection> = {
  centers: centersContract,
  calendar: calendarContract,
  bookings: bookingsContract,
  messages: messagesContract,
  audit: auditContract,
  staffAdmin: staffAdminContract,
  config: configContract,
  configCache: configCacheContract,
  queue: queueContract,
  homecert: homecertContract,
  cases: casesContract,
  stats: statsContract,
  retention: retentionContract,
  people: peopleContract,
  ratings: ratingsContract,
  sealing: sealingContract,
  waitlist: waitlistContract,
  seats: seatsContract,
  files: filesContract,
}

/** The sections whose store goes through Beijing dates: the `@timezone` files run these, the others the rest. */
export const DATED_SECTIONS: readonly string[] = ['calendar', 'stats', 'retention', 'waitlist', 'seats']

/** Which sections a file runs: all of them, only DATED_SECTIONS, or only the others. */
export type SectionChoice = 'all' | 'dated' | 'undated'

const chosen = (area: string, choice: SectionChoice) => choice === 'all' || DATED_SECTIONS.includes(area) === (choice === 'dated')

export function describeStoreContract(name: string, makeStore: MakeStore, choice: SectionChoice = 'all'): void {
  const unknown = DATED_SECTIONS.filter((area) => !(area in SECTIONS))
  if (unknown.length > 0) throw new Error(`DATED_SECTIONS names no section ${unknown.join(', ')}`)
  describe(`${name} store (port contract)`, () => {
    let current: StoreUnderTest | null = null
    beforeEach(async () => {
      current = await makeStore()
    })
    afterEach(async () => {
      await current?.dispose()
      current = null
    })
    const store: StoreAccess = () => {
      if (!current) throw new Error('no store: used outside a test')
      return current.store
    }
    const harness: StoreHarness = () => {
      if (!current) throw new Error('no store: used outside a test')
      return current
    }
    for (const [area, section] of Object.entries(SECTIONS)) if (chosen(area, choice)) describe(area, () => section(store, harness))
  })
}
