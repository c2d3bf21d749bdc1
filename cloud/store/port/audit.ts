/**
 * The store port, audit: the log of every staff action in every area. Append-only; never
 * personal data in an entry.
 */

/** One staff action, for the audit log: who, what, which record, when. Never personal data in `detail`. */
export interface AuditEntry {
  centerId: string
  actorOpenid: string
  actorName: string
  /** `<area>.<action>`, e.g. `queue.callNext`. */
  action: string
  recordType: string
  recordId?: string | null
  /** The record's number as people know it (代办件 DB20261207-0001, 排队号 A001), when it has one. */
  recordLabel?: string | null
  detail?: string | null
  at: string
}

export interface AuditQuery {
  centerId: string
  actorOpenid?: string
  actionPrefix?: string
  recordType?: string
  /** Matches the record's id, or the start of its human number. */
  recordId?: string
  /** ISO instants, [from, to). */
  from?: string
  to?: string
  /** Newest first; continue below this id. */
  beforeId?: number
  limit: number
}

export interface AuditRepo {
  record(entry: AuditEntry): Promise<void>
  list(query: AuditQuery): Promise<(AuditEntry & { id: number })[]>
}
