import type { RatedService, RatingLevel } from '@/core/rating'
import type { RatingRecord, RatingRepo } from '../port'
import type { Db } from './open-database'

export interface RatingRow {
  id: string
  center_id: string
  service: RatedService
  subject_id: string
  openid: string
  level: RatingLevel
  reasons_json: string
  comment: string | null
  at: string
  service_id: string | null
  window_no: number | null
  worker_openid: string | null
  worker_name: string | null
  follow_up_due: string | null
  follow_up_answer: string | null
  follow_up_answered_at: string | null
  follow_up_by: string | null
  follow_up_by_name: string | null
}

export const toRating = (r: RatingRow): RatingRecord => ({
  id: r.id,
  centerId: r.center_id,
  service: r.service,
  subjectId: r.subject_id,
  openid: r.openid,
  level: r.level,
  reasons: JSON.parse(r.reasons_json),
  comment: r.comment,
  at: r.at,
  serviceId: r.service_id,
  window: r.window_no,
  workerOpenid: r.worker_openid,
  workerName: r.worker_name,
  followUp: r.follow_up_due
    ? {
        due: r.follow_up_due,
        answer: r.follow_up_answer,
        answeredAt: r.follow_up_answered_at,
        answeredBy: r.follow_up_by,
        answeredByName: r.follow_up_by_name,
      }
    : null,
})

/** Ratings on SQLite: one rating per instance by its primary key (`INSERT … ON CONFLICT DO NOTHING`), an answer by a conditional update. */
export function sqliteRatingRepo(db: Db): RatingRepo {
  const q = {
    get: db.prepare('SELECT * FROM ratings WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO ratings (id, center_id, service, subject_id, openid, level, reasons_json, comment, at, service_id, window_no,
        worker_openid, worker_name, follow_up_due) VALUES (@id, @centerId, @service, @subjectId, @openid, @level, @reasons, @comment, @at,
        @serviceId, @window, @workerOpenid, @workerName, @due) ON CONFLICT DO NOTHING`,
    ),
    open: db.prepare(
      `SELECT * FROM ratings WHERE center_id = ? AND follow_up_due IS NOT NULL AND follow_up_answered_at IS NULL
       ORDER BY follow_up_due, at LIMIT ?`,
    ),
    answered: db.prepare(
      `SELECT * FROM ratings WHERE center_id = ? AND follow_up_due IS NOT NULL AND follow_up_answered_at IS NOT NULL
       ORDER BY follow_up_answered_at DESC LIMIT ?`,
    ),
    answer: db.prepare(
      `UPDATE ratings SET follow_up_answer = ?, follow_up_answered_at = ?, follow_up_by = ?, follow_up_by_name = ?
       WHERE id = ? AND follow_up_due IS NOT NULL AND follow_up_answered_at IS NULL`,
    ),
    rules: db.prepare('SELECT rules_json FROM rating_settings WHERE center_id = ?'),
    purge: db.prepare(
      `UPDATE ratings SET comment = NULL, openid = 'purged:' || id
       WHERE service != 'case' AND at < ? AND openid NOT LIKE 'purged:%'`,
    ),
    saveRules: db.prepare(
      'INSERT INTO rating_settings (center_id, rules_json) VALUES (?, ?) ON CONFLICT (center_id) DO UPDATE SET rules_json = excluded.rules_json',
    ),
  }
  const get = (id: string) => {
    const row = q.get.get(id) as RatingRow | undefined
    return row ? toRating(row) : null
  }

  return {
    async get(service, subjectId) {
      return get(`${service}:${subjectId}`)
    },
    async ofSubjects(service, subjectIds) {
      if (subjectIds.length === 0) return []
      const ids = subjectIds.map((s) => `${service}:${s}`)
      const rows = db.prepare(`SELECT * FROM ratings WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as RatingRow[]
      return rows.map(toRating)
    },
    async rate(r) {
      const changes = q.insert.run({
        ...r,
        reasons: JSON.stringify(r.reasons),
        due: r.followUp?.due ?? null,
      }).changes
      return changes === 1
    },
    async followUps(centerId, answered, limit) {
      return ((answered ? q.answered : q.open).all(centerId, limit) as RatingRow[]).map(toRating)
    },
    async answer(id, a) {
      if (q.answer.run(a.answer, a.at, a.by, a.byName, id).changes === 0) return null
      return get(id)
    },
    async rules(centerId) {
      const row = q.rules.get(centerId) as { rules_json: string } | undefined
      return row ? JSON.parse(row.rules_json) : null
    },
    async saveRules(centerId, rules) {
      q.saveRules.run(centerId, JSON.stringify(rules))
    },
    async purgePersonalData(cutoff) {
      return q.purge.run(cutoff.before).changes
    },
  }
}
