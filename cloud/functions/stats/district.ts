/**
 * `stats.district` / `stats.districtCsv`: 全区概览 for the 区级管理员 — every center of the deployment on one
 * line, from the centers' daily aggregates and today's hall counts. Read-only: nothing here writes a center's
 * records (the CSV export is audited in each center's log, as the district's other actions are).
 */
import type { CsvExport, DistrictOverview } from '@/contract/stats'
import { beijingDate, type IsoDate } from '@/core/beijing-time'
import { toCsv } from '@/core/csv'
import { DISTRICT_CSV_HEADER, districtCsvRow, districtLine, districtTotal } from '@/core/district-overview'
import type { ActionContext } from '@cloud/runtime/context'
import { auditDistrict, requireDistrict } from '@cloud/runtime/staff'

async function overview(ctx: ActionContext, from: IsoDate, to: IsoDate): Promise<DistrictOverview> {
  const today = beijingDate(ctx.now())
  const centers = await ctx.store.centers.list()
  const lines = await Promise.all(
    centers.map(async (c) => {
      const [rangeRows, todayRows, open, counters] = await Promise.all([
        ctx.store.stats.sum(c.id, from, to),
        ctx.store.stats.sum(c.id, today, today),
        ctx.store.queue.openTickets(c.id, today),
        ctx.store.queue.counters(c.id, today),
      ])
      // Waiting: not yet at a window (called counts: they are on their way).
      const waiting = open.filter((t) => t.status === 'waiting' || t.status === 'called').length
      const served = counters.reduce((n, q) => n + q.served, 0)
      return districtLine(c, rangeRows, todayRows, { waiting, served }, { from, to, today })
    }),
  )
  lines.sort((a, b) => a.centerName.localeCompare(b.centerName, 'zh-CN'))
  return { from, to, today, centers: lines, total: districtTotal(lines) }
}

export async function district({ from, to }: { from: IsoDate; to: IsoDate }, ctx: ActionContext): Promise<DistrictOverview> {
  await requireDistrict(ctx)
  return overview(ctx, from, to)
}

export async function districtCsv({ from, to }: { from: IsoDate; to: IsoDate }, ctx: ActionContext): Promise<CsvExport> {
  const actor = await requireDistrict(ctx)
  const o = await overview(ctx, from, to)
  const rows = [...o.centers.map((l) => districtCsvRow(l.centerName, l)), districtCsvRow('全区合计', o.total)]
  await auditDistrict(ctx, actor, 'stats.districtExport', 'stats', 'district', `全区概览 ${from}–${to}，${o.centers.length} 个中心`)
  return { fileName: `全区概览_${from}_${to}.csv`, csv: toCsv(DISTRICT_CSV_HEADER, rows), rows: rows.length }
}
