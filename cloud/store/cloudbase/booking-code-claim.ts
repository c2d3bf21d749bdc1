/**
 * A create's booking code on CloudBase, which is also the claim of its request (booking-repo.ts `booking_codes`).
 *
 * The codes of a booking are drawn from its id with the personal-data hash key (`requestCode`), so every attempt of
 * one request (one (openid, request id), one booking id) meets the same first code: the attempt whose `add` makes the
 * code document holds the request; another one meets it, and answers the booking made with it, or waits while the
 * holder works (`by`, since `since`), taking it over only when that one is older than any function lives. So one
 * attempt of a request at a time takes a seat, and a retry never answers SLOT_FULL while its own booking is written.
 * Unique codes cost nothing more: `add` with the code as `_id` refuses one another booking has (the next is drawn).
 */
import { randomUUID } from 'node:crypto'
import { bookingCode } from '@/core/booking-code'
import type { BookingRecord } from '../port'
import type { Sealer } from '../sealed-fields'
import type { DbApi } from './db-api'
import { getOrNull, insertOnce } from './doc-helpers'

/** A claim older than this is a dead function's: longer than any function timeout. */
export const CLAIM_EXPIRES_MS = 60_000
/** How long a request waits for another one (of the same person, or an attempt of itself) to finish. */
export const CLAIM_WAIT_ROUNDS = 200
/** How many codes a create tries (each taken one: the next) before it gives up. */
const CODE_DRAWS = 6

/** `by` and `since`: the create attempt that claimed the code, and when (a 候补 accept's code has neither). */
export type CodeDoc = { _id: string; bookingId: string; by?: string; since?: string }
/** A create's claim of its request and code; `tookOver` from an attempt that died holding it. */
export type RequestClaim = { kind: 'claimed'; code: string; by: string; tookOver: boolean }

/** A short random pause before asking again (5–25 ms), so waiters do not ask in step. */
export const pause = () => new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20))

/**
 * The `k`-th booking code of booking `id`: a keyed hash of the id, so every attempt of one request draws the same
 * codes, and nobody without the key can tell a booking's code from its id.
 * @example requestCode(sealer, 'bk3f…', 0) // 'K7M4QP', every time
 */
export function requestCode(sealer: Pick<Sealer, 'hash'>, id: string, k: number): string {
  let block = 0
  return bookingCode((n) => Buffer.from(sealer.hash(`booking-code\n${id}\n${k}\n${block++}`), 'hex').subarray(0, n))
}

export function bookingCodeClaims(
  db: DbApi,
  sealer: Pick<Sealer, 'hash'>,
  collection: string,
  get: (id: string) => Promise<BookingRecord | null>,
) {
  const codes = () => db.collection<CodeDoc>(collection)
  return {
    /** Claims booking `bookingId`'s code, or answers the booking another attempt of the request made. */
    async claim(bookingId: string, now: string): Promise<RequestClaim | { kind: 'duplicate'; booking: BookingRecord }> {
      const by = randomUUID()
      for (let round = 0; ; round++) {
        let waiting = false
        for (let k = 0; k < CODE_DRAWS && !waiting; k++) {
          const code = requestCode(sealer, bookingId, k)
          if ((await insertOnce(db, collection, { _id: code, bookingId, by, since: now })) === 'inserted')
            return { kind: 'claimed', code, by, tookOver: false }
          const there = await getOrNull(codes().doc(code))
          // Another booking's code: the next one. Gone again (an attempt gave it up): this round is over.
          if (there?.bookingId !== bookingId) {
            if (!there) waiting = true
            continue
          }
          const first = await get(bookingId)
          if (first) return { kind: 'duplicate', booking: first }
          if (there.by && there.since && Date.parse(there.since) + CLAIM_EXPIRES_MS <= Date.parse(now)) {
            // Compared with the holder's `by`: of two attempts taking over at once, one gets it.
            const taken = await codes()
              .where({ _id: code, bookingId, by: there.by })
              .update({ data: { by, since: now } })
            if (taken.stats.updated === 1) return { kind: 'claimed', code, by, tookOver: true }
          }
          waiting = true
        }
        if (!waiting) throw new Error(`booking: no free booking code after ${CODE_DRAWS} draws`)
        if (round >= CLAIM_WAIT_ROUNDS) throw new Error('booking: another attempt of this request is still at work')
        await pause()
      }
    },
    /** Gives the code back (no booking was made with it): only while this attempt holds it. */
    drop: (claim: RequestClaim) => codes().where({ _id: claim.code, by: claim.by }).remove(),
  }
}
