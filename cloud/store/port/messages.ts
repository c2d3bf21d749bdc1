/**
 * The store port, messages: the resident's 消息 outbox, written by every area.
 *
 * What the store must guarantee: a 消息's id is deterministic, so writing it twice is a no-op
 * (a retried step or job never sends twice).
 */

/** A 消息 in the resident's outbox. Its id is deterministic (e.g. `reminder-<bookingId>`), so writing it twice is a no-op. */
export interface MessageRecord {
  id: string
  centerId: string
  openid: string
  bookingId: string | null
  kind: MessageKind
  title: string
  body: string
  /** The subscribe-message template it should go out with in WeChat, when configured. */
  templateId: string | null
  /** The page the 消息 opens, e.g. `/pages/booking/detail/index?id=…`; null for none. */
  link: string | null
  createdAt: string
}

/** What a 消息 is about: a booking reminder, no-show or closed day, a home-certification step, a delegated case's step, a queue call, a 候补 offer, an answer to a 差评. */
export type MessageKind = 'reminder' | 'no_show' | 'closure' | 'homecert' | 'case' | 'queue' | 'waitlist' | 'rating'

export type NewMessage = Omit<MessageRecord, 'link'> & { link?: string | null }

export interface MessageRepo {
  listFor(centerId: string, openid: string, limit: number): Promise<MessageRecord[]>
  /** Writes a 消息; writing the same id twice is a no-op. */
  send(message: NewMessage): Promise<void>
  /** Retention: deletes every 消息 written before `before` (an ISO instant); returns how many. */
  purgeBefore(before: string): Promise<number>
}
