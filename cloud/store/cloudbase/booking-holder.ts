/**
 * A booking's limit holder on CloudBase: one document per holder in `booking_people` (booking-repo.ts), keyed by
 * `limitKey`, which the holder's limits (one per person, service and day, `maxActive`) are decided on.
 *
 * - `holds`: the ids of the holder's bookings (their statuses are read from the bookings themselves);
 * - `busy`: a reschedule's claim while it moves a booking of theirs;
 * - `writing`: a create's hold whose booking is not written yet (see below);
 * - `v`: the version, moved by every write of the document.
 *
 * A create writes the document with no transaction: a compare-and-set on `v` (`where({ _id, v })`, compared with a
 * constant, so of two writers that read the same version one writes and the other decides again on what it wrote), then
 * its booking. So every other writer (a 候补 accept, a reschedule, retention, all in transactions, which conflict with
 * the create's write) moves `v` too (`carried`): a create that read the document before such a write writes nothing.
 * Between the hold and its booking, the hold names a booking that is not there yet, which nobody could count: whoever
 * decides the holder's limits meanwhile waits (`pendingWrite`) until the booking is there, or the hold is older than any
 * function lives (a create that died there: its hold counts nothing, as its booking was never written).
 *
 * Kept by every writer of a booking: its holder's document is written before it or with it (a create's hold, a 候补
 * accept's transaction), and nothing removes a holder's document. So a holder without one has no booking at all, and
 * a create reads no no-shows for them (booking-repo.ts `create`).
 */
import type { BookingRecord, HeldBooking, NewBooking, SlotTarget } from '../port'
import { CLAIM_EXPIRES_MS, CLAIM_WAIT_ROUNDS, pause } from './booking-code-claim'
import type { DbApi, StoredDoc, TransactionApi } from './db-api'
import { getOrNull, insertOnce } from './doc-helpers'

export type PersonDoc = {
  _id: string
  holds: string[]
  busy: { by: string; since: string } | null
  v?: number
  writing?: { id: string; since: string } | null
}

/** A claim (`busy`, `writing`) made at `since` still stands at `now`: its function may be alive. */
export const stands = (claim: { since: string } | null | undefined, now: string): boolean =>
  !!claim && Date.parse(claim.since) + CLAIM_EXPIRES_MS > Date.parse(now)

/**
 * A create of the holder's (other than booking `self`) has written its hold and not yet its booking: limits decided now
 * would miss it. `written`: the held bookings that exist.
 * @example pendingWrite({ ..., writing: { id: 'b2', since: now } }, new Set(['b1']), now) // true
 */
export function pendingWrite(person: PersonDoc | null, written: ReadonlySet<string>, now: string, self?: string): boolean {
  const w = person?.writing
  return !!w && w.id !== self && !written.has(w.id) && stands(w, now)
}

/** The version a write of the holder's document gives it. */
export const nextVersion = (person: PersonDoc | null) => (person?.v ?? 0) + 1

/**
 * What a transaction's write of the holder's whole document carries besides its own fields: the next version, and a
 * create's hold still in writing (one whose booking is there, or that expired, is done with: a `holds` written without
 * it would otherwise leave it looking pending). `written`: the held bookings that exist.
 */
export const carried = (person: PersonDoc | null, written: ReadonlySet<string>, now: string) => ({
  v: nextVersion(person),
  writing: pendingWrite(person, written, now) ? person!.writing! : null,
})

const holdsSeat = (s: BookingRecord['status']) => s === 'booked' || s === 'checked_in'

/** Which of the holder's limits a new booking would break, if one (`live`: the holder's bookings that hold a seat). */
export function limitRefusal(
  live: BookingRecord[],
  b: Pick<NewBooking, 'idHash' | 'serviceId'>,
  slot: Pick<SlotTarget, 'date'>,
  guard: { maxActive: number; now: string },
): 'too_many_active' | 'person_day_taken' | null {
  if (live.filter((o) => o.status === 'booked' && o.checkInBy > guard.now).length >= guard.maxActive) return 'too_many_active'
  if (live.some((o) => o.idHash === b.idHash && o.serviceId === b.serviceId && o.date === slot.date)) return 'person_day_taken'
  return null
}

/** Why a create is refused on the holder's record. */
export type HolderRefusal = { kind: 'too_many_active' } | { kind: 'person_day_taken' } | { kind: 'no_show_blocked'; until: string }

/** The holders' documents of the bookings repo: `toBooking` opens a stored booking. */
export function bookingHolders<D extends StoredDoc>(
  db: DbApi,
  collections: { bookings: string; people: string },
  toBooking: (doc: D) => BookingRecord,
) {
  const _ = db.command
  const people = () => db.collection<PersonDoc>(collections.people)

  /**
   * The limit holder's document and their bookings, read in a transaction (or outside one): `held` those that exist,
   * `live` those that still hold a seat.
   */
  async function personIn(tx: Pick<TransactionApi, 'collection'>, limitKey: string) {
    const person = await getOrNull(tx.collection<PersonDoc>(collections.people).doc(limitKey))
    const held = new Map<string, BookingRecord>()
    for (const id of person?.holds ?? []) {
      const b = await getOrNull(tx.collection<D>(collections.bookings).doc(id))
      if (b) held.set(id, toBooking(b))
    }
    const live = [...held.values()].filter((o) => holdsSeat(o.status))
    return { person, held, live }
  }

  type Holder = Awaited<ReturnType<typeof personIn>>

  /** Another request of the person is under way: a reschedule's claim, or a create between its hold and its booking. */
  const busy = (p: Holder, now: string, self?: string) =>
    stands(p.person?.busy, now) || pendingWrite(p.person, new Set(p.held.keys()), now, self)

  return {
    personIn,
    busy,
    /** Ends a reschedule's claim (`by`: the booking it moves). */
    release: (limitKey: string, by: string) =>
      people()
        .where({ _id: limitKey, 'busy.by': by })
        .update({ data: { busy: null, v: _.inc(1) } }),
    /** A create whose booking was not written takes back its `writing`, so nobody waits for that booking. */
    dropWriting: (limitKey: string, id: string) =>
      people()
        .where({ _id: limitKey, 'writing.id': id })
        .update({ data: { writing: null, v: _.inc(1) } }),

    /**
     * A create's step 3: the holder's limits decided on their document (`refusal`) and the booking's hold written to it
     * by a compare-and-set on its version, again while another writer came first; waits while another request of theirs
     * is under way. `duplicate`: the holder holds this very booking already (a claim taken over from an attempt that got
     * that far, or a retry of a request made before codes were claims).
     */
    async holdFor(b: HeldBooking, now: string, refusal: (p: Holder) => Promise<HolderRefusal | null>) {
      for (let round = 0; ; round++) {
        if (round > CLAIM_WAIT_ROUNDS) throw new Error('booking: the person is busy with another request')
        const p = await personIn(db, b.limitKey)
        const first = p.held.get(b.id)
        if (first) return { kind: 'duplicate' as const, booking: first }
        if (!busy(p, now, b.id)) {
          const refused = await refusal(p)
          if (refused) return refused
          const holds = [...p.live.map((o) => o.id), b.id]
          const writing = { id: b.id, since: now }
          // An expired reschedule claim (its function died) is dropped with the write.
          const wrote = p.person
            ? (
                await people()
                  .where({ _id: b.limitKey, v: p.person.v ?? _.exists(false) })
                  .update({ data: { holds: _.set(holds), busy: null, writing: _.set(writing), v: _.inc(1) } })
              ).stats.updated === 1
            : (await insertOnce(db, collections.people, { _id: b.limitKey, holds, busy: null, writing, v: 1 })) === 'inserted'
          // Another writer came first: decided again on what it wrote.
          if (wrote) return { kind: 'held' as const }
        } else await pause()
      }
    },
  }
}
