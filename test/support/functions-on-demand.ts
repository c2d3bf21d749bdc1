/**
 * The cloud functions as the test harnesses call them: the same definitions as cloud/functions/index.ts's table
 * (`FUNCTIONS`, what the local server routes to), each area loaded when a file first calls it. Loading the whole table
 * into a file's fresh module registry took ~0.16 CPU s (every area, its contract's schemas, zod), one area ~0.06–0.09;
 * most files call a few areas, and some 130 files a run start with it. test/support/functions-on-demand.test.ts
 * proves each name answers the very object the table holds.
 */
import type { FUNCTIONS } from '@cloud/functions'

export type FunctionTable = typeof FUNCTIONS

const loaded: Partial<FunctionTable> = {}

/** The function `name` as deployed: `cloud/functions/<name>` exports it under its own name, as the table imports it. */
export function functionNamed<F extends keyof FunctionTable>(name: F): FunctionTable[F] {
  if (!loaded[name]) {
    // Kept per file (this module is loaded afresh into each file's registry): a harness calls thousands of times.
    const fn = (require(`@cloud/functions/${name}`) as Partial<FunctionTable>)[name]
    if (!fn) throw new Error(`cloud/functions/${name} exports no function named ${name}`)
    loaded[name] = fn
  }
  return loaded[name] as FunctionTable[F]
}
