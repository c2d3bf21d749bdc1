import type { YearArrangementView } from '@/contract/calendar'
import { SOURCE_TEXT, type ArrangementSource } from '@/core/year-arrangement'
import type { ArrangementRecord } from '@cloud/store/port'

/** A year's arrangement as the pages read it. */
export function yearView(year: number, record: ArrangementRecord | undefined, source: ArrangementSource): YearArrangementView {
  return {
    year,
    source,
    sourceText: SOURCE_TEXT[source],
    version: record?.version ?? 0,
    enteredByName: record?.enteredByName ?? null,
    enteredAt: record?.enteredAt ?? null,
    lines: record?.lines ?? [],
  }
}
