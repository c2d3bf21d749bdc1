import type { AuditEntry, AuditQuery, AuditRepo } from '../port'
import type { Db } from './open-database'

export function sqliteAuditRepo(db: Db): AuditRepo {
  const insert = db.prepare(
    'INSERT INTO audit_log (center_id, actor_openid, actor_name, action, record_type, record_id, record_label, detail, at) VALUES (@centerId, @actorOpenid, @actorName, @action, @recordType, @recordId, @recordLabel, @detail, @at)',
  )
  return {
    async record(entry) {
      insert.run({ ...entry, recordId: entry.recordId ?? null, recordLabel: entry.recordLabel ?? null, detail: entry.detail ?? null })
    },
    async list(q: AuditQuery) {
      const where = ['center_id = @centerId']
      if (q.actorOpenid) where.push('actor_openid = @actorOpenid')
      if (q.actionPrefix) where.push("action LIKE @actionPrefix || '%'")
      if (q.recordType) where.push('record_type = @recordType')
      // By id, or by the start of the human number (20261126-001 finds 20261126-001 赵*厚).
      if (q.recordId) where.push('(record_id = @recordId OR (record_label >= @recordId AND record_label < @recordId || char(65535)))')
      if (q.from) where.push('at >= @from')
      if (q.to) where.push('at < @to')
      if (q.beforeId) where.push('id < @beforeId')
      const rows = db
        .prepare(
          `SELECT id, center_id AS centerId, actor_openid AS actorOpenid, actor_name AS actorName, action, record_type AS recordType, record_id AS recordId, record_label AS recordLabel, detail, at
           FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`,
        )
        .all({ ...q, limit: q.limit }) as (AuditEntry & {
        id: number
        recordId: string | null
        recordLabel: string | null
        detail: string | null
      })[]
      return rows
    },
  }
}
