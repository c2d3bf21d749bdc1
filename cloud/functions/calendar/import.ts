import { fieldErrors } from '@cloud/runtime/dispatch'
import { arrangementInput, type ClosedDayBooking } from '@/contract/calendar'
import { arrangementText, storeArrangement, storedYear, type SaveContext } from './arrangements'

/** Who an import is recorded as: the deployer, not a person of the app. */
export const IMPORTER = { openid: 'import', name: '部署导入' } as const

export type ImportResult =
  | { ok: true; year: number; version: number; replaced: number; text: string; affected: ClosedDayBooking[] }
  | { ok: false; fields: Record<string, string> }

/**
 * The deployer's import of a year's arrangement from a JSON file (docs/calendar-arrangement.md):
 * `npm run calendar:import FILE` locally, the jobs function's `{ "importCalendar": … }` on CloudBase.
 * Validated by the same contract as the district admin's page — nothing is stored on error — and
 * stored as the next version of the year (the file itself is the confirmation; no preview step),
 * audited in every center, with the same 消息 to residents booked on days it closes.
 */
export async function importArrangement(ctx: SaveContext, raw: unknown): Promise<ImportResult> {
  // docs/calendar-2027.example.json carries this mark: an example must never become a district's calendar by mistake.
  if (raw && typeof raw === 'object' && 'example' in raw)
    return { ok: false, fields: { example: '这是示例文件，不是国务院通知：请按当年通知逐行改写，删掉 example 一行后再导入' } }
  const parsed = arrangementInput.safeParse(raw)
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) }
  const arrangement = parsed.data
  for (let attempt = 0; attempt < 3; attempt++) {
    const replaced = (await storedYear(ctx.store, arrangement.year))?.version ?? 0
    const result = await storeArrangement(ctx, arrangement, { ...IMPORTER, source: 'imported' }, replaced)
    if (result.kind === 'changed') continue
    const text = arrangementText(result.record)
    const at = ctx.now().toISOString()
    for (const center of await ctx.store.centers.list()) {
      await ctx.store.audit.record({
        centerId: center.id,
        actorOpenid: IMPORTER.openid,
        actorName: IMPORTER.name,
        action: 'calendar.importYear',
        recordType: 'calendar_year',
        recordId: String(result.record.year),
        detail: `${replaced ? `替换第 ${replaced} 版，` : ''}${result.record.year} 年放假安排：${text}`,
        at,
      })
    }
    return { ok: true, year: result.record.year, version: result.record.version, replaced, text, affected: result.affected }
  }
  throw new Error('the arrangement kept changing while it was imported')
}
