/**
 * The audit log on CloudBase. Entries are numbered from one counter document (a transaction
 * on it per entry), so "newest first, continue below this id" keeps SQLite's insertion order.
 * If the function dies between drawing a number and writing the entry, that number is a gap.
 */
import type { AuditEntry, AuditRepo } from '../port'
import type { DbApi } from './db-api'
import { drawNext } from './doc-helpers'
import { readUpTo } from './paging'

export const AUDIT_COLLECTIONS = { log: 'audit_log', counters: 'counters' } as const

type AuditDoc = Required<AuditEntry> & { _id: string; id: number }

export function cloudbaseAuditRepo(db: DbApi): AuditRepo {
  const _ = db.command
  return {
    async record(entry) {
      const id = await drawNext(db, AUDIT_COLLECTIONS.counters, 'audit_log', 'last', {})
      const doc: AuditDoc = {
        _id: `audit-${id}`,
        id,
        ...entry,
        recordId: entry.recordId ?? null,
        recordLabel: entry.recordLabel ?? null,
        detail: entry.detail ?? null,
      }
      await db.collection<AuditDoc>(AUDIT_COLLECTIONS.log).add({ data: doc })
    },
    async list(q) {
      const where: Record<string, unknown> = { centerId: q.centerId }
      if (q.actorOpenid) where.actorOpenid = q.actorOpenid
      // A prefix as a range: CloudBase compares strings in code-point order.
      if (q.actionPrefix) where.action = _.gte(q.actionPrefix).and(_.lt(`${q.actionPrefix}\uffff`))
      if (q.recordType) where.recordType = q.recordType
      if (q.from || q.to) where.at = q.from && q.to ? _.gte(q.from).and(_.lt(q.to)) : q.from ? _.gte(q.from) : _.lt(q.to)
      if (q.beforeId) where.id = _.lt(q.beforeId)
      // A record asked for by its id or by the start of its human number: the same conditions, either field.
      const label = q.recordId ? _.gte(q.recordId).and(_.lt(`${q.recordId}\uffff`)) : null
      const query = q.recordId
        ? _.or([
            { ...where, recordId: q.recordId },
            { ...where, recordLabel: label },
          ])
        : where
      const docs = await readUpTo(db.collection<AuditDoc>(AUDIT_COLLECTIONS.log).where(query).orderBy('id', 'desc'), q.limit)
      return docs.map(({ _id, ...entry }) => entry)
    },
  }
}
