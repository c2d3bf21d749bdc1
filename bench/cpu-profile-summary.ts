/**
 * `npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [from-s to-s]` — what a V8 CPU profile (`node --cpu-prof`, e.g. the
 * server's under `BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench`) spent its time on: self time
 * by function and by file, and inclusive time by function, as shares of the samples in the window (seconds from the
 * profile's start). Without a window it first prints, second by second, the samples whose stack holds `book` (the create
 * path) or `dispatch`, to find the create phase. Native work (SQLite statements, crypto) counts as the self time of the
 * JavaScript that called it.
 */
import fs from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const [file, from, to] = process.argv.slice(2)
if (!file) {
  console.error('usage: npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [from-s to-s]')
  process.exit(2)
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parentOf = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id)

const shortUrl = (url: string) =>
  url
    .replace(/.*node_modules\//, 'nm/')
    .replace(`file://${process.cwd()}/`, '')
    .replace(`${process.cwd()}/`, '')
const nameOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
function* stack(id: number) {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) yield byId.get(at)!
}

const self = new Map<string, number>()
const selfByFile = new Map<string, number>()
const inclusive = new Map<string, number>()
const perSecond: { all: number; book: number; dispatch: number }[] = []
let counted = 0
let t = profile.startTime
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i]
  const second = (t - profile.startTime) / 1e6
  const node = byId.get(id)!
  if (!from) {
    const s = (perSecond[Math.floor(second)] ??= { all: 0, book: 0, dispatch: 0 })
    s.all++
    const names = [...stack(id)].map((n) => n.callFrame.functionName)
    if (names.includes('book')) s.book++
    else if (names.includes('dispatch')) s.dispatch++
  }
  if (from && (second < Number(from) || second > Number(to))) return
  counted++
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  add(self, nameOf(node))
  add(selfByFile, shortUrl(node.callFrame.url) || node.callFrame.functionName)
  for (const k of new Set([...stack(id)].map(nameOf))) add(inclusive, k)
})

const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, c]) => `${((100 * c) / counted).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n')
if (!from) {
  console.log('second: samples (book / other dispatch)')
  console.log(perSecond.map((s, i) => `${i}: ${s.all} (${s.book} / ${s.dispatch})`).join('\n'))
}
console.log(`\n${counted} samples${from ? ` from ${from} s to ${to} s` : ''}\n\nself time by function\n${top(self, 40)}`)
console.log(`\nself time by file\n${top(selfByFile, 25)}\n\ninclusive time by function\n${top(inclusive, 50)}`)
