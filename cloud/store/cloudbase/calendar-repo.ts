/**
 * The district's yearly arrangements on CloudBase: one document per year, `_id` = the year
 * (`"2027"`), `{ year, lines, version, source, enteredBy, enteredByName, enteredAt }`.
 * A save is a transaction on the year's document that checks the version it replaces (none for the
 * first save), so of two saves one wins; it moves the configuration generation in the same
 * transaction, since every instance remembers the arrangements (config-cache.ts).
 */
import type { ArrangementRecord, CalendarRepo } from '../port'
import type { ConfigCache } from './config-cache'
import type { DbApi } from './db-api'
import { getOrNull, readAll } from './doc-helpers'

export const CALENDAR_COLLECTIONS = { years: 'calendar_years' } as const

type YearDoc = Pick<ArrangementRecord, keyof ArrangementRecord> & { _id: string }

export function cloudbaseCalendarRepo(db: DbApi, cache: ConfigCache): CalendarRepo {
  const years = () => db.collection<YearDoc>(CALENDAR_COLLECTIONS.years)
  return {
    arrangements() {
      return cache.remembered('calendar|arrangements', async () =>
        (await readAll(years().orderBy('year', 'asc'))).map(({ _id, ...record }) => record),
      )
    },
    saveArrangement(record) {
      return cache.write(async (tx) => {
        const ref = tx.collection<YearDoc>(CALENDAR_COLLECTIONS.years).doc(String(record.year))
        const stored = await getOrNull(ref)
        if ((stored?.version ?? 0) !== record.version - 1) return false
        await ref.set({ data: record })
        return true
      })
    },
  }
}
