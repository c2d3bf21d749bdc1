/**
 * Centers, their windows, services and own days, on CloudBase: one document per record,
 * `_id` = the record's id (a day: `<centerId>_<date>`). Read-only here, and remembered by the
 * instance until the configuration generation moves (config-cache.ts); config-repo writes.
 */
import type { CenterDays } from '@/core/opening-hours'
import type { CenterRecord, CenterRepo, ServiceConfigRecord, ServiceRecord, WindowRecord } from '../port'
import type { ConfigCache } from './config-cache'
import type { DbApi, StoredDoc } from './db-api'
import { getOrNull, readAll } from './doc-helpers'

export const CENTER_COLLECTIONS = { centers: 'centers', windows: 'windows', services: 'services', days: 'center_days' } as const

export type CenterDoc = Omit<CenterRecord, 'id'> & { _id: string }
export type WindowDoc = Omit<WindowRecord, 'id'> & { _id: string }
export type ServiceDoc = Omit<ServiceConfigRecord, 'id'> & { _id: string }
export type DayDoc = { _id: string; centerId: string; date: string; open: boolean; reason: string }

export const dayId = (centerId: string, date: string) => `${centerId}_${date}`

export const toCenter = ({ _id, ...d }: CenterDoc): CenterRecord => ({
  id: _id,
  ...d,
  bookingRules: d.bookingRules ?? {},
  queueRules: d.queueRules ?? {},
})
export const toWindow = ({ _id, ...d }: WindowDoc): WindowRecord => ({ id: _id, ...d })
export const toServiceConfig = ({ _id, ...d }: ServiceDoc): ServiceConfigRecord => ({ id: _id, ...d, slotCapacity: d.slotCapacity ?? null })
export const toService = (doc: ServiceDoc): ServiceRecord => {
  const { retired: _retired, ...service } = toServiceConfig(doc)
  return service
}

export function cloudbaseCenterRepo(db: DbApi, cache: ConfigCache): CenterRepo {
  const _ = db.command
  const col = <T extends StoredDoc>(name: string) => db.collection<T>(name)
  return {
    list() {
      return cache.remembered('list', async () =>
        (await readAll(col<CenterDoc>(CENTER_COLLECTIONS.centers).orderBy('sort', 'asc').orderBy('_id', 'asc'))).map(toCenter),
      )
    },
    get(centerId) {
      return cache.remembered(`get|${centerId}`, async () => {
        const doc = await getOrNull(col<CenterDoc>(CENTER_COLLECTIONS.centers).doc(centerId))
        return doc ? toCenter(doc) : null
      })
    },
    windows(centerId) {
      return cache.remembered(`windows|${centerId}`, async () =>
        (await readAll(col<WindowDoc>(CENTER_COLLECTIONS.windows).where({ centerId }).orderBy('number', 'asc'))).map(toWindow),
      )
    },
    services(centerId) {
      return cache.remembered(`services|${centerId}`, async () => {
        const docs = await readAll(
          col<ServiceDoc>(CENTER_COLLECTIONS.services).where({ centerId, retired: false }).orderBy('sort', 'asc').orderBy('_id', 'asc'),
        )
        return docs.map(toService)
      })
    },
    service(centerId, serviceId) {
      return cache.remembered(`service|${centerId}|${serviceId}`, async () => {
        const doc = await getOrNull(col<ServiceDoc>(CENTER_COLLECTIONS.services).doc(serviceId))
        return doc && doc.centerId === centerId && !doc.retired ? toService(doc) : null
      })
    },
    days(centerId, from, to) {
      return cache.remembered(`days|${centerId}|${from}|${to}`, async () => {
        const docs = await readAll(
          col<DayDoc>(CENTER_COLLECTIONS.days)
            .where({ centerId, date: _.gte(from).and(_.lte(to)) })
            .orderBy('date', 'asc'),
        )
        const days: CenterDays = { closed: {}, open: {} }
        for (const d of docs) (d.open ? days.open : days.closed)[d.date] = d.reason
        return days
      })
    },
  }
}
