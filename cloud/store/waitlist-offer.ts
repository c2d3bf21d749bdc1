/**
 * The offer of a freed seat, as both adapters write it in the unit that makes it: the entry's new fields and
 * its 消息 (with the subscribe-message template the resident allowed when joining). One offer per entry, so
 * the 消息 id is the entry's: writing it twice is a no-op. And the booking an accepted offer becomes.
 */
import type { ClockTime } from '@/core/beijing-time'
import { offerExpiresAt, offerNotice } from '@/core/waitlist'
import { bookedRecord, type BookingRecord, type NewMessage, type OfferBooking, type SlotTarget, type WaitEntryRecord } from './port'

/** The page an offer's 消息 opens: the resident's 候补 list, where 确认预约 is one tap. */
export const offerLink = (entry: Pick<WaitEntryRecord, 'id'>) => `/pages/booking/waitlist/index?id=${entry.id}`

/** The entry's fields once offered `start` at `at`. */
export function offerFields(entry: Pick<WaitEntryRecord, 'holdMinutes'>, start: ClockTime, at: string) {
  return { status: 'offered' as const, offerStart: start, offerExpiresAt: offerExpiresAt(at, entry.holdMinutes), updatedAt: at }
}

/** The 消息 telling `entry` (already offered: `offerStart`, `offerExpiresAt` set) of its seat. */
export function offerMessage(entry: WaitEntryRecord, at: string): NewMessage {
  const notice = offerNotice({
    serviceName: entry.serviceName,
    date: entry.date,
    start: entry.offerStart!,
    expiresAt: entry.offerExpiresAt!,
  })
  return {
    id: `waitlist-offer-${entry.id}`,
    centerId: entry.centerId,
    openid: entry.openid,
    bookingId: null,
    kind: 'waitlist',
    ...notice,
    templateId: entry.templateId,
    link: offerLink(entry),
    createdAt: at,
  }
}

/** The booking an accepted offer becomes: the entry's person in the held slot, booked (the code is drawn by the adapter). */
export function acceptedBooking(e: WaitEntryRecord, b: OfferBooking, slot: SlotTarget, code: string): BookingRecord {
  const person = {
    centerId: e.centerId,
    serviceId: e.serviceId,
    openid: e.openid,
    personName: e.personName,
    idSealed: e.idSealed,
    idHash: e.idHash,
    idMasked: e.idMasked,
    limitKey: e.limitKey,
    phone: e.phone,
    forSelf: e.forSelf,
    relation: e.relation,
  }
  return bookedRecord({ id: b.id, requestId: b.requestId, note: b.note, createdAt: b.createdAt, ...person }, slot, code)
}
