/**
 * 消息 on CloudBase: `_id` = the message's deterministic id, so writing it twice is a no-op
 * (the second `add` meets a duplicate key).
 */
import type { MessageRecord, MessageRepo, NewMessage } from '../port'
import type { DbApi, TransactionApi } from './db-api'
import { getOrNull, insertOnce, toDoc } from './doc-helpers'
import { readUpTo } from './paging'
import { cloudbaseMessagePurge } from './retention'

export const MESSAGES = 'messages'

type MessageDoc = Omit<MessageRecord, 'id'> & { _id: string }

const asDoc = (m: NewMessage): MessageDoc => toDoc({ ...m, link: m.link ?? null })
const toMessage = ({ _id, ...d }: MessageDoc): MessageRecord => ({ id: _id, ...d })

/** Writes a 消息 inside a transaction (which has no `add`): only if its id is not taken. */
export async function sendInTransaction(tx: TransactionApi, m: NewMessage): Promise<void> {
  const ref = tx.collection<MessageDoc>(MESSAGES).doc(m.id)
  if (await getOrNull(ref)) return
  const { _id: _ignored, ...data } = asDoc(m)
  await ref.set({ data })
}

export function cloudbaseMessageRepo(db: DbApi): MessageRepo {
  return {
    purgeBefore: cloudbaseMessagePurge(db, MESSAGES),
    async listFor(centerId, openid, limit) {
      const query = db.collection<MessageDoc>(MESSAGES).where({ openid, centerId }).orderBy('createdAt', 'desc').orderBy('_id', 'asc')
      return (await readUpTo(query, limit)).map(toMessage)
    },
    async send(message) {
      await insertOnce(db, MESSAGES, asDoc(message))
    },
  }
}
