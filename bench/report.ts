/** What every phase of `npm run bench` shares: number formatting, temp folders, and the targets it reports on. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const tempDirs: string[] = []

/** A temp folder removed when the benchmark ends (`removeTempDirs`). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-bench-'))
  tempDirs.push(dir)
  return dir
}

export function removeTempDirs() {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

/** One figure of issue 21 against its target, for the summary a full run ends with. */
export interface Target {
  /** Which point of issue 21 (1–5) or `availability`. */
  point: string
  measure: string
  value: string
  target: string
  met: boolean
}

/** The summary lines: every target of the run, met or not, in words (not by colour). */
export function targetLines(targets: Target[]): string[] {
  const width = Math.max(...targets.map((t) => t.measure.length))
  return targets.map(
    (t) => `  ${t.met ? 'met    ' : 'NOT MET'}  [${t.point}] ${t.measure.padEnd(width)}  ${t.value}   (target ${t.target})`,
  )
}
