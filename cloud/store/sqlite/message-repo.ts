import type { MessageRecord, MessageRepo, NewMessage } from '../port'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import type { Db } from './open-database'
import { sqliteMessagePurge } from './retention'

/** The INSERT of a 消息, shared with repos that write one inside their own transaction. Same id twice: no-op. */
export function insertMessageStatement(db: Db, sealer: Sealer) {
  const stmt = db.prepare(`INSERT INTO messages (id, center_id, openid, booking_id, kind, title, body, template_id, link, created_at)
    VALUES (@id, @centerId, @openid, @bookingId, @kind, @title, @body, @templateId, @link, @createdAt) ON CONFLICT DO NOTHING`)
  return { run: (m: NewMessage) => stmt.run({ ...sealFields(sealer, m, SEALED_FIELDS.message), link: m.link ?? null }) }
}

export function sqliteMessageRepo(db: Db, sealer: Sealer): MessageRepo {
  const listFor = db.prepare(
    `SELECT id, center_id AS centerId, openid, booking_id AS bookingId, kind, title, body, template_id AS templateId, link, created_at AS createdAt
     FROM messages WHERE openid = ? AND center_id = ? ORDER BY created_at DESC, id LIMIT ?`,
  )
  const insert = insertMessageStatement(db, sealer)
  return {
    purgeBefore: sqliteMessagePurge(db),
    async listFor(centerId, openid, limit) {
      return (listFor.all(openid, centerId, limit) as MessageRecord[]).map((m) => openFields(sealer, m, SEALED_FIELDS.message))
    },
    async send(message) {
      insert.run(message)
    },
  }
}
