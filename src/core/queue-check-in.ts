import { beijing, beijingClock, beijingDate, monthDay, type IsoDate } from './beijing-time'
import { GREEN_CHANNEL_AGE } from './queue-order'
import { withOverrides } from './rule-overrides'
import { qrLink, qrLinkParts } from './qr-links'

/** The numbers behind check-in and the queue, in one place (a center's admin overrides the green-channel age). */
export interface QueueRules {
  /** Check-in opens this many minutes before the booked slot starts. */
  checkInEarlyMinutes: number
  /** Residents this old or older go first. */
  greenAge: number
  /** The estimate of a service's length before today has any served ticket of that queue. */
  defaultServiceMinutes: number
  /** The on-site check-in code changes this often. */
  codeRotateMinutes: number
  /** 即将到号: a resident who allowed it gets a 消息 when this many are ahead of them. */
  soonAhead: number
}

export const DEFAULT_QUEUE_RULES: QueueRules = {
  checkInEarlyMinutes: 30,
  greenAge: GREEN_CHANNEL_AGE,
  defaultServiceMinutes: 10,
  codeRotateMinutes: 5,
  soonAhead: 3,
}

/** How many ahead an admin may set for 即将到号: one is the next call already; past ten the notice comes too early to be useful. */
export const SOON_AHEAD_RANGE = { min: 1, max: 10 } as const

/** A center's rules: its overrides over the defaults. @example queueRulesFor({ greenAge: 75 }).checkInEarlyMinutes // 30 */
export function queueRulesFor(overrides?: Partial<QueueRules> | null): QueueRules {
  return withOverrides(DEFAULT_QUEUE_RULES, overrides)
}

const MINUTE = 60_000

/**
 * Where `now` falls for checking in to a booking:
 * - `other_day`: the booking is not for today (Beijing)
 * - `early`: more than `checkInEarlyMinutes` before the slot
 * - `open`: from then until the slot ends — an appointment ticket
 * - `late`: after the slot, before the no-show deadline — a walk-in ticket, not a no-show
 * - `missed`: after the no-show deadline — a walk-in ticket, and the booking stays a no-show
 * @example checkInTiming({ date: '2026-11-27', startsAt: '2026-11-27T01:00:00Z', endsAt: '2026-11-27T01:30:00Z', checkInBy: '2026-11-27T01:45:00Z' }, new Date('2026-11-27T00:30:00Z')) // 'open'
 */
export type CheckInTiming = 'other_day' | 'early' | 'open' | 'late' | 'missed'

export function checkInTiming(
  booking: { date: IsoDate; startsAt: string; endsAt: string; checkInBy: string },
  now: Date,
  rules: QueueRules = DEFAULT_QUEUE_RULES,
): CheckInTiming {
  if (booking.date !== beijingDate(now)) return 'other_day'
  const t = now.getTime()
  if (t < checkInOpensAt(booking.startsAt, rules).getTime()) return 'early'
  if (t < new Date(booking.endsAt).getTime()) return 'open'
  if (t < new Date(booking.checkInBy).getTime()) return 'late'
  return 'missed'
}

/** The first instant a booking may be checked in. @example checkInOpensAt('2026-11-27T01:00:00Z').toISOString() // '2026-11-27T00:30:00.000Z' */
export function checkInOpensAt(startsAt: string, rules: QueueRules = DEFAULT_QUEUE_RULES): Date {
  return new Date(new Date(startsAt).getTime() - rules.checkInEarlyMinutes * MINUTE)
}

/**
 * What the resident is told about checking in at this moment (null when it simply works):
 * `before` on the check-in page, `done` once the ticket is issued.
 * @example checkInMessage('early', booking, now) // '签到从 08:30 开始（预约时段前 30 分钟），请稍后再签到'
 */
export function checkInMessage(
  timing: CheckInTiming,
  booking: { date: IsoDate; start: string; end: string; startsAt: string; checkInBy: string },
  now: Date,
  rules: QueueRules = DEFAULT_QUEUE_RULES,
  when: 'before' | 'done' = 'done',
): string | null {
  switch (timing) {
    case 'other_day':
      return booking.date > beijingDate(now)
        ? `您的预约在 ${monthDay(booking.date)}，请在预约当天到中心签到`
        : `您的预约日期（${monthDay(booking.date)}）已过，不能再签到`
    case 'early':
      return `签到从 ${beijingClock(checkInOpensAt(booking.startsAt, rules))} 开始（预约时段前 ${rules.checkInEarlyMinutes} 分钟），请稍后再签到`
    case 'open':
      return null
    case 'late':
      return when === 'before'
        ? `您已超过预约时段（${booking.start}–${booking.end}），现在签到将改为现场取号，按到达顺序排队；本次不记失约。`
        : `您已超过预约时段（${booking.start}–${booking.end}），已改为现场取号，按到达顺序排队；本次不记失约。`
    case 'missed':
      return when === 'before'
        ? `您已超过签到截止时间（${beijingClock(booking.checkInBy)}），本次预约记为失约；仍可签到，按现场取号排队。`
        : `您已超过签到截止时间（${beijingClock(booking.checkInBy)}），本次预约记为失约；已为您现场取号，按到达顺序排队。`
  }
}

/** One period of the rotating on-site code: its key (what the code is derived from) and when it ends. */
export interface CodeBucket {
  /** `<Beijing date>#<period of that day>`, e.g. `2026-11-26#108`. */
  key: string
  startsAt: Date
  endsAt: Date
}

/**
 * The code period containing `now` and the one before it (a code read just
 * before it changed still works). Periods are aligned to Beijing midnight.
 * @example codeBuckets(new Date('2026-11-26T01:02:00Z'))[0].key // '2026-11-26#108' (09:00–09:05)
 */
export function codeBuckets(now: Date, minutes = DEFAULT_QUEUE_RULES.codeRotateMinutes): [CodeBucket, CodeBucket] {
  const length = minutes * MINUTE
  const bucket = (start: number): CodeBucket => {
    const wall = beijing(start)
    const index = Math.floor((wall.hour() * 60 + wall.minute()) / minutes)
    return { key: `${wall.format('YYYY-MM-DD')}#${index}`, startsAt: new Date(start), endsAt: new Date(start + length) }
  }
  // Beijing midnight is a whole number of periods from the epoch when `minutes` divides a day (5 does).
  const offset = 8 * 60 * MINUTE
  const start = Math.floor((now.getTime() + offset) / length) * length - offset
  return [bucket(start), bucket(start - length)]
}

/**
 * A short numeric code from a hex digest (e.g. an HMAC), zero-padded.
 * @example codeFromDigest('00000000000f') // '000015'
 */
export function codeFromDigest(hex: string, digits = 6): string {
  const n = parseInt(hex.slice(0, 12), 16) % 10 ** digits
  return String(n).padStart(digits, '0')
}

/**
 * Today's average service minutes of a queue, or the default before anyone was served.
 * @example averageServiceMinutes(3, 1260, 10) // 7
 */
export function averageServiceMinutes(
  served: number,
  serviceSeconds: number,
  fallback = DEFAULT_QUEUE_RULES.defaultServiceMinutes,
): number {
  if (served <= 0) return fallback
  return Math.max(1, Math.round(serviceSeconds / served / 60))
}

/**
 * Minutes until the resident's turn: the people ahead, each taking the average,
 * spread over the windows serving the queue; rounded up.
 * @example estimateWaitMinutes(5, 8, 2) // 20
 */
export function estimateWaitMinutes(ahead: number, averageMinutes: number, windows: number): number {
  return Math.ceil((ahead * averageMinutes) / Math.max(1, windows))
}

const QR_PREFIX = 'bianmin-checkin:'

/**
 * What the hall screen's QR code holds: with a link domain (`QR_LINK_BASE`), a link WeChat's 扫一扫 and a phone's camera
 * open (src/core/qr-links.ts); without one, text only the app's own scanner reads.
 * @example checkInQrText('lsw', '042917') // 'bianmin-checkin:lsw:042917'
 * @example checkInQrText('lsw', '042917', 'https://bm.example.gov.cn') // 'https://bm.example.gov.cn/c/lsw/042917'
 */
export function checkInQrText(centerId: string, code: string, linkBase?: string | null): string {
  return linkBase ? qrLink(linkBase, 'checkIn', [centerId, code]) : `${QR_PREFIX}${centerId}:${code}`
}

/**
 * The center and code in a scanned check-in QR, either form, or null when it is not one.
 * @example checkInFromQrText('https://bm.example.gov.cn/c/lsw/042917') // { centerId: 'lsw', code: '042917' }
 */
export function checkInFromQrText(text: string): { centerId: string; code: string } | null {
  const m = /^bianmin-checkin:([A-Za-z0-9_-]+):(\d{6})$/.exec(text.trim())
  const parts = m ? [m[1], m[2]] : qrLinkParts(text, 'checkIn')
  return parts && /^[A-Za-z0-9_-]+$/.test(parts[0]) && /^\d{6}$/.test(parts[1]) ? { centerId: parts[0], code: parts[1] } : null
}

/**
 * The center and code a page was opened with from a check-in link: WeChat's `q` (the link itself, as its 扫普通链接二维码
 * 打开小程序 rule hands it over) or the H5 redirect's `center` and `code` (cloud/server/qr-link-routes.ts).
 * @example checkInFromLinkParams({ center: 'lsw', code: '042917' }) // { centerId: 'lsw', code: '042917' }
 */
export function checkInFromLinkParams(p: { q?: string; center?: string; code?: string }): { centerId: string; code: string } | null {
  if (p.q) return checkInFromQrText(p.q)
  return p.center && p.code ? checkInFromQrText(`${QR_PREFIX}${p.center}:${p.code}`) : null
}

/**
 * The code in a scanned QR text, or null when it is not our check-in QR (or for another center).
 * @example codeFromQrText('bianmin-checkin:lsw:042917', 'lsw') // '042917'
 */
export function codeFromQrText(text: string, centerId: string): string | null {
  const found = checkInFromQrText(text)
  return found && found.centerId === centerId ? found.code : null
}
