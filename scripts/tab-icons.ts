/**
 * Draws the tab bar's icons (src/assets/tab/*.png): 首页 a house, 办事指南 a page of lines, 我的 a person; each as
 * an outline (a tab not chosen) and filled (the chosen tab), so the chosen one differs in shape, not only in colour.
 * PNG, not SVG: WeChat's tabBar and older `image` components take bitmaps. Run after changing a shape:
 * `node --import tsx scripts/tab-icons.ts` (writes the six files, ~1 KB each).
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const SIZE = 64
const SAMPLES = 4
const STROKE = 2.6

type Sdf = (x: number, y: number) => number

const box =
  (x0: number, y0: number, x1: number, y1: number, r = 0): Sdf =>
  (x, y) => {
    const cx = (x0 + x1) / 2
    const cy = (y0 + y1) / 2
    const dx = Math.abs(x - cx) - ((x1 - x0) / 2 - r)
    const dy = Math.abs(y - cy) - ((y1 - y0) / 2 - r)
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r
  }
const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r
/** A convex polygon, points clockwise on screen (y down): the largest signed distance to its edges. */
const polygon =
  (points: [number, number][]): Sdf =>
  (x, y) =>
    Math.max(
      ...points.map(([ax, ay], i) => {
        const [bx, by] = points[(i + 1) % points.length]
        const len = Math.hypot(bx - ax, by - ay)
        return ((x - ax) * (by - ay) - (y - ay) * (bx - ax)) / len
      }),
    )
const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)))
const minus =
  (a: Sdf, b: Sdf): Sdf =>
  (x, y) =>
    Math.max(a(x, y), -b(x, y))
/** The line around a shape, `STROKE` wide, inside its edge. */
const outline =
  (s: Sdf): Sdf =>
  (x, y) => {
    const d = s(x, y)
    return Math.max(d, -d - STROKE)
  }

const roof = polygon([
  [32, 7],
  [58, 31],
  [6, 31],
])
const house = union(roof, box(13, 27, 51, 57, 3))
const door = box(27, 40, 37, 57, 1)
const page = box(12, 6, 52, 58, 5)
const lines = union(box(20, 18, 44, 22.5, 1), box(20, 29, 44, 33.5, 1), box(20, 40, 36, 44.5, 1))
const head = circle(32, 19, 11)
const shoulders = minus(circle(32, 62, 24), box(0, 58, 64, 64))

const ICONS: Record<string, { outline: Sdf; filled: Sdf }> = {
  home: { outline: union(outline(house), outline(door)), filled: minus(house, door) },
  guide: { outline: union(outline(page), lines), filled: minus(page, lines) },
  mine: { outline: union(outline(head), outline(shoulders)), filled: union(head, shoulders) },
}

const NORMAL = [0x4d, 0x4d, 0x4d]
const CHOSEN = [0x0b, 0x5c, 0xad]

function png(shape: Sdf, [r, g, b]: number[]): Buffer {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0
    for (let x = 0; x < SIZE; x++) {
      let covered = 0
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES) <= 0) covered++
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw.set([r, g, b, Math.round((255 * covered) / SAMPLES ** 2)], o)
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const head = Buffer.alloc(4)
    head.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([head, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const dir = path.resolve(__dirname, '../src/assets/tab')
fs.mkdirSync(dir, { recursive: true })
for (const [name, icon] of Object.entries(ICONS)) {
  fs.writeFileSync(path.join(dir, `${name}.png`), png(icon.outline, NORMAL))
  fs.writeFileSync(path.join(dir, `${name}-on.png`), png(icon.filled, CHOSEN))
}
console.log(`tab icons written to ${path.relative(process.cwd(), dir)}`)
