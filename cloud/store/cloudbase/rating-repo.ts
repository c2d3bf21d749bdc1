/**
 * Ratings (好差评) on CloudBase.
 *
 * - `ratings`: RatingRecord documents, `_id` = `<service>:<subject id>` (one per instance: the insert is the rule),
 *   with `followUpState` ('open' | 'answered' | null) beside `followUp`, so the open ones are one indexed query and
 *   an answer is one conditional update (`where({ _id, followUpState: 'open' })`).
 * - `rating_settings`: `_id` = the center → `{ rules }`.
 * - `case_ratings`: the delegation's ratings from before this area, `_id` = the case: `foldCaseRatings` moves them
 *   into `ratings` (the jobs function runs it once per container, before its first jobs; safe twice or at once).
 */
import type { RatingRules } from '@/core/rating'
import type { RatingRecord, RatingRepo } from '../port'
import type { DbApi } from './db-api'
import { chunks, getOrNull, insertOnce, readAll } from './doc-helpers'

export const RATING_COLLECTIONS = { ratings: 'ratings', settings: 'rating_settings', legacyCases: 'case_ratings' } as const

type RatingDoc = Omit<RatingRecord, 'id'> & { _id: string; followUpState: 'open' | 'answered' | null; purged?: boolean }
type SettingsDoc = { _id: string; rules: Partial<RatingRules> }
type LegacyCaseRatingDoc = { _id: string; centerId: string; openid: string; stars: number; comment: string | null; at: string }
type CaseDoc = { _id: string; serviceId: string; assigneeOpenid: string | null; assigneeName: string | null }

const toRating = ({ _id, followUpState: _state, purged: _purged, ...d }: RatingDoc): RatingRecord => ({ id: _id, ...d })

export function cloudbaseRatingRepo(db: DbApi): RatingRepo {
  const _ = db.command
  const ratings = () => db.collection<RatingDoc>(RATING_COLLECTIONS.ratings)
  const get = async (id: string) => {
    const doc = await getOrNull(ratings().doc(id))
    return doc ? toRating(doc) : null
  }

  return {
    get: (service, subjectId) => get(`${service}:${subjectId}`),
    async ofSubjects(service, subjectIds) {
      const out: RatingRecord[] = []
      for (const part of chunks(subjectIds.map((s) => `${service}:${s}`))) {
        const { data } = await ratings()
          .where({ _id: _.in(part) })
          .limit(part.length)
          .get()
        out.push(...data.map(toRating))
      }
      return out
    },
    async rate({ id, ...r }) {
      const doc: RatingDoc = { _id: id, ...r, followUpState: r.followUp ? 'open' : null }
      return (await insertOnce(db, RATING_COLLECTIONS.ratings, doc)) === 'inserted'
    },
    async followUps(centerId, answered, limit) {
      const query = ratings().where({ centerId, followUpState: answered ? 'answered' : 'open' })
      const { data } = await (answered
        ? query.orderBy('followUp.answeredAt', 'desc')
        : query.orderBy('followUp.due', 'asc').orderBy('at', 'asc')
      )
        .limit(limit)
        .get()
      return data.map(toRating)
    },
    async answer(id, a) {
      const { stats } = await ratings()
        .where({ _id: id, followUpState: 'open' })
        .update({
          data: {
            followUpState: 'answered',
            'followUp.answer': a.answer,
            'followUp.answeredAt': a.at,
            'followUp.answeredBy': a.by,
            'followUp.answeredByName': a.byName,
          },
        })
      return stats.updated === 1 ? get(id) : null
    },
    async rules(centerId) {
      return (await getOrNull(db.collection<SettingsDoc>(RATING_COLLECTIONS.settings).doc(centerId)))?.rules ?? null
    },
    async saveRules(centerId, rules) {
      await db.collection<SettingsDoc>(RATING_COLLECTIONS.settings).doc(centerId).set({ data: { rules } })
    },
    async purgePersonalData(cutoff) {
      const due = await readAll(
        ratings()
          .where({ service: _.in(['counter', 'homecert']), at: _.lt(cutoff.before), purged: _.neq(true) })
          .orderBy('_id', 'asc'),
      )
      for (const doc of due)
        await ratings()
          .doc(doc._id)
          .update({ data: { comment: null, openid: `purged:${doc._id}`, purged: true } })
      return due.length
    },
  }
}

/**
 * The CloudBase counterpart of SQLite migration 019: each `case_ratings` document becomes a `ratings` one
 * (its stars the level, the case's 事项 and clerk), then goes. Returns how many were moved.
 */
export async function foldCaseRatings(db: DbApi, casesCollection: string): Promise<number> {
  const legacy = await readAll(db.collection<LegacyCaseRatingDoc>(RATING_COLLECTIONS.legacyCases).orderBy('_id', 'asc'))
  for (const r of legacy) {
    const c = await getOrNull(db.collection<CaseDoc>(casesCollection).doc(r._id))
    const doc: RatingDoc = {
      _id: `case:${r._id}`,
      centerId: r.centerId,
      service: 'case',
      subjectId: r._id,
      openid: r.openid,
      level: Math.min(5, Math.max(1, r.stars)) as RatingRecord['level'],
      reasons: [],
      comment: r.comment,
      at: r.at,
      serviceId: c?.serviceId ?? null,
      window: null,
      workerOpenid: c?.assigneeOpenid ?? null,
      workerName: c?.assigneeName ?? null,
      followUp: null,
      followUpState: null,
    }
    await insertOnce(db, RATING_COLLECTIONS.ratings, doc)
    await db.collection(RATING_COLLECTIONS.legacyCases).doc(r._id).remove()
  }
  return legacy.length
}
