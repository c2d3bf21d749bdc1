/**
 * Retention on SQLite: the `purgePersonalData` of the bookings, queue, home
 * certification, case and 候补 repos, and the 消息 purge (see src/core/retention.ts
 * for the rule, cloud/store/port/ for what each keeps). Each is one IMMEDIATE transaction
 * of one UPDATE (or DELETE) per table, selecting exactly what the pure rule
 * calls due, through the partial indexes of migration 008. Records already
 * purged (`purged_at` set) are never touched again, so a second run changes nothing.
 * Photo files go before their rows: a run that stops between leaves rows pointing at
 * nothing, which the next run purges — never a file no row names any more.
 */
import { CLOSED_HOMECERT_STATUSES, FINAL_CASE_STATES, FINISHED_BOOKING_STATES, PURGED_NAME, type RetentionCutoff } from '@/core/retention'
import { storedFileKeys, type FileStore } from '../port/files'
import type { Db } from './open-database'

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')
const purged = (column: string) => `'purged:' || ${column}`

type Purge = (cutoff: RetentionCutoff, at: string) => Promise<number>

/** The person of a booking or a 候补 entry, gone: name, sealed ID number and phone blanked, the keys unique to the row. */
const PERSON_PURGED = `person_name = '${PURGED_NAME}', id_sealed = '', id_hash = ${purged('id')}, limit_key = ${purged('id')}, phone = '',
    openid = ${purged('id')}`

const BOOKINGS_DUE = `purged_at IS NULL AND status IN (${list(FINISHED_BOOKING_STATES)}) AND ends_at < @before`

export function sqliteBookingPurge(db: Db): Purge {
  const update = db.prepare(
    `UPDATE bookings SET ${PERSON_PURGED}, note = NULL, cancel_reason = NULL, purged_at = @at WHERE ${BOOKINGS_DUE}`,
  )
  const run = db.transaction((cutoff: RetentionCutoff, at: string) => update.run({ before: cutoff.before, at }).changes)
  return async (cutoff, at) => run.immediate(cutoff, at)
}

const TICKETS_DUE = 'purged_at IS NULL AND date < @beforeDate'

export function sqliteQueuePurge(db: Db): Purge {
  // Events first: the resident as actor is found by the ticket's openid, which the ticket update clears.
  const events = db.prepare(`UPDATE queue_ticket_events SET note = NULL,
      actor_name = CASE WHEN actor_openid IS NOT NULL AND actor_openid = (SELECT t.openid FROM queue_tickets t WHERE t.id = ticket_id) THEN '${PURGED_NAME}' ELSE actor_name END,
      actor_openid = CASE WHEN actor_openid IS NOT NULL AND actor_openid = (SELECT t.openid FROM queue_tickets t WHERE t.id = ticket_id) THEN NULL ELSE actor_openid END
    WHERE ticket_id IN (SELECT id FROM queue_tickets WHERE ${TICKETS_DUE})`)
  const tickets =
    db.prepare(`UPDATE queue_tickets SET person_name = CASE WHEN person_name IS NULL THEN NULL ELSE '${PURGED_NAME}' END, openid = NULL, purged_at = @at
    WHERE ${TICKETS_DUE}`)
  const run = db.transaction((cutoff: RetentionCutoff, at: string) => {
    events.run({ beforeDate: cutoff.beforeDate })
    return tickets.run({ beforeDate: cutoff.beforeDate, at }).changes
  })
  return async (cutoff, at) => run.immediate(cutoff, at)
}

const HOMECERT_DUE = `purged_at IS NULL AND ((status IN (${list(CLOSED_HOMECERT_STATUSES)}) AND updated_at < @before) OR (status = 'certified' AND next_due < @beforeDate))`

export function sqliteHomecertPurge(db: Db, files: FileStore): Purge {
  const photos = db.prepare(`SELECT evidence_photo FROM homecert_requests WHERE evidence_photo IS NOT NULL AND ${HOMECERT_DUE}`).pluck()
  const timeline = db.prepare(`UPDATE homecert_timeline SET note = NULL,
      actor_name = CASE WHEN actor_role = 'family' THEN '${PURGED_NAME}' ELSE actor_name END,
      actor_openid = CASE WHEN actor_role = 'family' THEN ${purged('request_id')} ELSE actor_openid END
    WHERE request_id IN (SELECT id FROM homecert_requests WHERE ${HOMECERT_DUE})`)
  // next_due goes too: a purged elder is no longer in 即将到期 or the yearly reminders (certified_on stays).
  const requests =
    db.prepare(`UPDATE homecert_requests SET elder_name = '${PURGED_NAME}', elder_id_sealed = '', elder_id_hash = ${purged('id')},
      elder_birth_date = substr(elder_birth_date, 1, 4) || '-01-01', elder_phone = NULL, elder_address = '${PURGED_NAME}', disability_sealed = NULL,
      disability_kind = NULL, disability_grade = NULL, reason = NULL, requester_name = '${PURGED_NAME}', requester_phone = '', requester_openid = ${purged('id')},
      note = NULL, visit_note = NULL, outcome_note = NULL, evidence_note = NULL, evidence_photo = NULL, next_due = NULL, purged_at = @at
    WHERE ${HOMECERT_DUE}`)
  const run = db.transaction((cutoff: RetentionCutoff, at: string) => {
    const params = { before: cutoff.before, beforeDate: cutoff.beforeDate }
    timeline.run(params)
    return requests.run({ ...params, at }).changes
  })
  return async (cutoff, at) => {
    await files.remove(storedFileKeys(photos.all({ before: cutoff.before, beforeDate: cutoff.beforeDate }) as string[]))
    return run.immediate(cutoff, at)
  }
}

const CASES_DUE = `purged_at IS NULL AND state IN (${list(FINAL_CASE_STATES)}) AND updated_at < @before`

export function sqliteCasePurge(db: Db, files: FileStore): Purge {
  const due = `SELECT id FROM cases WHERE ${CASES_DUE}`
  const photoFiles = db.prepare(`SELECT file FROM case_photos WHERE case_id IN (${due})`).pluck()
  const events = db.prepare(`UPDATE case_events SET note = NULL, data_json = json_remove(data_json, '$.result', '$.photoIds'),
      actor_name = CASE WHEN actor_kind = 'resident' THEN '${PURGED_NAME}' ELSE actor_name END,
      actor_openid = CASE WHEN actor_kind = 'resident' THEN ${purged('case_id')} ELSE actor_openid END
    WHERE case_id IN (${due})`)
  const materials = db.prepare(
    `UPDATE case_materials SET note = NULL, reason = NULL WHERE (note IS NOT NULL OR reason IS NOT NULL) AND case_id IN (${due})`,
  )
  const originals = db.prepare(`UPDATE case_originals SET note = NULL WHERE note IS NOT NULL AND case_id IN (${due})`)
  const photos = db.prepare(`DELETE FROM case_photos WHERE case_id IN (${due})`)
  const ratings = db.prepare(
    `UPDATE ratings SET comment = NULL, openid = ${purged('subject_id')} WHERE service = 'case' AND subject_id IN (${due})`,
  )
  const cases =
    db.prepare(`UPDATE cases SET applicant_name = '${PURGED_NAME}', phone = '', phone_tail = '', description = '${PURGED_NAME}', address = NULL,
      result = NULL, pickup_code = NULL, claim_code_hash = NULL, claim_expires_at = NULL, openid = ${purged('id')}, created_by = ${purged('id')}, purged_at = @at
    WHERE ${CASES_DUE}`)
  const failures = db.prepare('DELETE FROM case_claim_failures WHERE at < @before')
  const run = db.transaction((cutoff: RetentionCutoff, at: string) => {
    const params = { before: cutoff.before }
    for (const stmt of [events, materials, originals, photos, ratings, failures]) stmt.run(params)
    return cases.run({ ...params, at }).changes
  })
  return async (cutoff, at) => {
    await files.remove(storedFileKeys(photoFiles.all({ before: cutoff.before }) as string[]))
    return run.immediate(cutoff, at)
  }
}

/** 候补 entries of days before the cut-off date: the person goes, the line's facts (service, day, slot, status, times) stay. */
export function sqliteWaitlistPurge(db: Db): Purge {
  const update = db.prepare(
    `UPDATE waitlist_entries SET ${PERSON_PURGED}, template_id = NULL, purged_at = @at WHERE purged_at IS NULL AND date < @beforeDate`,
  )
  const run = db.transaction((cutoff: RetentionCutoff, at: string) => update.run({ beforeDate: cutoff.beforeDate, at }).changes)
  return async (cutoff, at) => run.immediate(cutoff, at)
}

export function sqliteMessagePurge(db: Db): (before: string) => Promise<number> {
  const remove = db.prepare('DELETE FROM messages WHERE created_at < ?')
  return async (before) => remove.run(before).changes
}
