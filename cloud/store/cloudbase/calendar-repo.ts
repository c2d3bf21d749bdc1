/**
 * The district's yearly arrangements on CloudBase: one document per year, `_id` = the year
 * (`"2027"`), `{ year, lines, version, source, enteredBy, enteredByName, enteredAt }`.
 * The first save inserts (a second first save meets the `_id` and loses); a replacement is a
 * conditional update on the version it read, so of two replacements one wins.
 */
import type { ArrangementRecord, CalendarRepo } from '../port'
import type { DbApi } from './db-api'
import { insertOnce, readAll } from './doc-helpers'

export const CALENDAR_COLLECTIONS = { years: 'calendar_years' } as const

type YearDoc = Pick<ArrangementRecord, keyof ArrangementRecord> & { _id: string }

export function cloudbaseCalendarRepo(db: DbApi): CalendarRepo {
  const years = () => db.collection<YearDoc>(CALENDAR_COLLECTIONS.years)
  return {
    async arrangements() {
      return (await readAll(years().orderBy('year', 'asc'))).map(({ _id, ...record }) => record)
    },
    async saveArrangement(record) {
      if (record.version === 1)
        return (await insertOnce(db, CALENDAR_COLLECTIONS.years, { _id: String(record.year), ...record })) === 'inserted'
      const { year, ...rest } = record
      const { stats } = await years()
        .where({ _id: String(year), version: record.version - 1 })
        .update({ data: { ...rest, lines: db.command.set(record.lines) } })
      return stats.updated === 1
    },
  }
}
