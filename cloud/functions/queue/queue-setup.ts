import type { IsoDate } from '@/core/beijing-time'
import { buildBoard, type QueueBoard } from '@/core/queue-board'
import type { QueueRules } from '@/core/queue-check-in'
import type { ServiceCategoryKey } from '@/core/service-categories'
import { loadCenter } from '@cloud/runtime/center'
import type { ActionContext } from '@cloud/runtime/context'
import type { BoardProjector, CenterRecord, QueueDay, ServiceRecord, WindowRecord } from '@cloud/store/port'

/** What every queue action of one center needs: its services and windows, the rules, the clock, and how its board is built. */
export interface QueueSetup {
  center: CenterRecord
  services: ServiceRecord[]
  serviceById: Map<string, ServiceRecord>
  windows: WindowRecord[]
  rules: QueueRules
  now: Date
  today: IsoDate
  project: BoardProjector
}

/** Loads a center for the queue; NOT_FOUND for an unknown center. */
export async function loadQueueSetup(ctx: ActionContext, centerId: string): Promise<QueueSetup> {
  // The center's own settings (the green-channel age, set by its admin) over the defaults.
  const [
    {
      center,
      rules: { queue: rules },
      now,
      today,
    },
    services,
    windows,
  ] = await Promise.all([loadCenter(ctx, centerId), ctx.store.centers.services(centerId), ctx.store.centers.windows(centerId)])
  const numberOf = new Map(windows.map((w) => [w.id, w.number]))
  const queueWindows = new Map<ServiceCategoryKey, Set<number>>()
  for (const s of services) {
    const set = queueWindows.get(s.category) ?? new Set<number>()
    for (const id of s.windowIds) if (numberOf.has(id)) set.add(numberOf.get(id)!)
    queueWindows.set(s.category, set)
  }
  const queues = [...queueWindows].map(([queue, set]) => ({ queue, windows: [...set] }))
  const windowNames = Object.fromEntries(windows.map((w) => [w.number, w.name]))
  const project: BoardProjector = (day: QueueDay) =>
    buildBoard(
      {
        centerId,
        date: day.date,
        version: day.version,
        at: now.toISOString(),
        open: day.open,
        recent: day.recent,
        counters: day.counters,
        queues,
        windowNames,
      },
      rules,
    )
  return { center, services, serviceById: new Map(services.map((s) => [s.id, s])), windows, rules, now, today, project }
}

/** The services a window serves. */
export function servicesOfWindow(setup: QueueSetup, window: number): ServiceRecord[] {
  const w = setup.windows.find((x) => x.number === window)
  return w ? setup.services.filter((s) => s.windowIds.includes(w.id)) : []
}

/** The day's board as stored, or the empty board before the day's first ticket. */
export async function boardOf(ctx: ActionContext, setup: QueueSetup): Promise<QueueBoard> {
  return (
    (await ctx.store.queue.board(setup.center.id, setup.today)) ??
    setup.project({ centerId: setup.center.id, date: setup.today, version: 0, open: [], recent: [], counters: [] })
  )
}
