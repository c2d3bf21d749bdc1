/**
 * 候补 lines on CloudBase, and where a freed seat goes.
 *
 * - `waitlist_lines`: one document per service and day, `_id` = `<serviceId>_<date>`: `{ nextSeq, entries }`,
 *   the entries still in line (waiting or offered) in join order. It is the line's one source of truth, so
 *   every step that changes a line — a join, a leave, an offer, an accept, an expiry, and the cancel or
 *   reschedule that frees a seat — is one transaction on this document (CloudBase transactions take single
 *   documents by id only: no query can be atomic with a write, a document can). Two steps on one line
 *   conflict and one runs again (`inTransaction`), so the order holds across any number of functions.
 * - `waitlist_entries`: `_id` = entry id, the WaitEntryRecord (name and phone sealed), written in the same
 *   transaction as the line; read for lists, the offer's 消息, and the expiry sweep's query.
 */
import type { ClockTime, IsoDate } from '@/core/beijing-time'
import { covers, offerable, type WaitStatus } from '@/core/waitlist'
import type { WaitEntryRecord } from '../port'
import { openFields, type Sealer } from '../sealed-fields'
import { offerFields, offerMessage } from '../waitlist-offer'
import type { TransactionApi } from './db-api'
import { getOrNull } from './doc-helpers'
import { sendInTransaction } from './message-repo'

export const WAITLIST_COLLECTIONS = { lines: 'waitlist_lines', entries: 'waitlist_entries' } as const

/** The sealed fields of an entry (as a booking's). */
export const WAIT_SEALED = ['personName', 'phone'] as const

export interface LineEntry {
  id: string
  seq: number
  start: ClockTime | null
  idHash: string
  status: Extract<WaitStatus, 'waiting' | 'offered'>
  offerStart: ClockTime | null
  offerExpiresAt: string | null
}
export type LineDoc = { _id: string; centerId: string; serviceId: string; date: IsoDate; nextSeq: number; entries: LineEntry[] }
export type EntryDoc = Omit<WaitEntryRecord, 'id'> & { _id: string }

export const lineId = (serviceId: string, date: IsoDate) => `${serviceId}_${date}`
export const docToEntry = (sealer: Sealer, { _id, ...d }: EntryDoc): WaitEntryRecord => openFields(sealer, { id: _id, ...d }, WAIT_SEALED)

export const txLine = (tx: TransactionApi, serviceId: string, date: IsoDate) =>
  tx.collection<LineDoc>(WAITLIST_COLLECTIONS.lines).doc(lineId(serviceId, date))
export const txEntry = (tx: TransactionApi, id: string) => tx.collection<EntryDoc>(WAITLIST_COLLECTIONS.entries).doc(id)

/** Writes the line back (a line nobody is in any more stays, empty: its `nextSeq` keeps the order of later joins). */
export async function saveLine(tx: TransactionApi, line: LineDoc): Promise<void> {
  const { _id, ...data } = line
  await txLine(tx, line.serviceId, line.date).set({ data })
}

/**
 * Offers the seat `start` (still counted in its slot) to the first in `line` it covers: the line entry and the
 * entry document become `offered`, with the 消息. `line` is changed in place; the caller saves it. Null: nobody.
 */
export async function offerIn(
  tx: TransactionApi,
  sealer: Sealer,
  line: LineDoc,
  start: ClockTime,
  at: string,
): Promise<WaitEntryRecord | null> {
  if (!offerable(line.date, start, at)) return null
  const next = line.entries.find((e) => e.status === 'waiting' && covers(e.start, start))
  if (!next) return null
  const doc = await getOrNull(txEntry(tx, next.id))
  // Written together with the line: an entry in the line always has its document.
  if (!doc) throw new Error(`waitlist: line ${line._id} names a missing entry ${next.id}`)
  const fields = offerFields(doc, start, at)
  Object.assign(next, { status: 'offered', offerStart: fields.offerStart, offerExpiresAt: fields.offerExpiresAt })
  await txEntry(tx, next.id).update({ data: fields })
  const entry = { ...docToEntry(sealer, doc), ...fields }
  await sendInTransaction(tx, sealer, offerMessage(entry, at))
  return entry
}

/**
 * Inside a transaction: a seat leaves the slot `start` of the line's day — offered to the first in line it
 * covers (the caller saves the line when an entry is returned), else given back by `freeSeat`.
 */
export async function releaseIn(
  tx: TransactionApi,
  sealer: Sealer,
  line: LineDoc | null,
  start: ClockTime,
  at: string,
  freeSeat: () => Promise<void>,
): Promise<WaitEntryRecord | null> {
  const offered = line ? await offerIn(tx, sealer, line, start, at) : null
  if (!offered) await freeSeat()
  return offered
}
