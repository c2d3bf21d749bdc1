/**
 * 消息 on CloudBase: `_id` = the message's deterministic id, so writing it twice is a no-op
 * (the second `add` meets a duplicate key).
 */
import type { MessageRecord, MessageRepo, NewMessage } from '../port'
import type { DbApi, TransactionApi } from './db-api'
import { openFields, SEALED_FIELDS, sealFields, type Sealer } from '../sealed-fields'
import { getOrNull, insertOnce, toDoc } from './doc-helpers'
import { readUpTo } from './paging'
import { cloudbaseMessagePurge } from './retention'

export const MESSAGES = 'messages'

type MessageDoc = Omit<MessageRecord, 'id'> & { _id: string }

/** The document of a 消息, its body sealed (it may name the elder or quote a reply). */
const asDoc = (sealer: Sealer, m: NewMessage): MessageDoc =>
  toDoc(sealFields(sealer, { ...m, link: m.link ?? null }, SEALED_FIELDS.message))
const toMessage = (sealer: Sealer, { _id, ...d }: MessageDoc): MessageRecord => openFields(sealer, { id: _id, ...d }, SEALED_FIELDS.message)

/** Writes a 消息 inside a transaction (which has no `add`): only if its id is not taken. */
export async function sendInTransaction(tx: TransactionApi, sealer: Sealer, m: NewMessage): Promise<void> {
  const ref = tx.collection<MessageDoc>(MESSAGES).doc(m.id)
  if (await getOrNull(ref)) return
  const { _id: _ignored, ...data } = asDoc(sealer, m)
  await ref.set({ data })
}

export function cloudbaseMessageRepo(db: DbApi, sealer: Sealer): MessageRepo {
  return {
    purgeBefore: cloudbaseMessagePurge(db, MESSAGES),
    async listFor(centerId, openid, limit) {
      const query = db.collection<MessageDoc>(MESSAGES).where({ openid, centerId }).orderBy('createdAt', 'desc').orderBy('_id', 'asc')
      return (await readUpTo(query, limit)).map((d) => toMessage(sealer, d))
    },
    async send(message) {
      await insertOnce(db, MESSAGES, asDoc(sealer, message))
    },
  }
}
