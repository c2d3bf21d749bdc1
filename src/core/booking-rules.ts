import { beijing } from './beijing-time'
import { withOverrides } from './rule-overrides'
import { DEFAULT_OFFER_HOLD_MINUTES } from './waitlist'

/**
 * The numbers behind appointment booking, in one place. Each center may
 * override any of them (stored with the center); everything else takes the default.
 */
export interface BookingRules {
  /** Bookable dates run from today through this many working days after today. */
  horizonWorkingDays: number
  /** A slot starting sooner than this is not offered. */
  leadMinutes: number
  /** Per limit holder (`limitHolder`): bookings that are booked and not yet past their check-in deadline. */
  maxActiveBookings: number
  /** Not checked in by slot end + this many minutes: no-show. */
  noShowGraceMinutes: number
  /** This many no-shows … */
  noShowLimit: number
  /** … within this many days … */
  noShowWindowDays: number
  /** … block new bookings for this many days from the no-show that reached the limit. */
  noShowBlockDays: number
  /** The day-before reminder goes out from this Beijing wall-clock time on (not at midnight). */
  reminderFrom: string
  /** A seat offered to the first in 候补 line is held for them this many minutes (src/core/waitlist.ts). */
  waitlistHoldMinutes: number
}

/** When the day-before reminder may start going out: not before people are up, not late at night. */
export const REMINDER_HOURS = { earliest: '06:00', latest: '21:00' } as const

export const DEFAULT_BOOKING_RULES: BookingRules = {
  horizonWorkingDays: 7,
  leadMinutes: 30,
  maxActiveBookings: 3,
  noShowGraceMinutes: 15,
  noShowLimit: 3,
  noShowWindowDays: 90,
  noShowBlockDays: 30,
  reminderFrom: '09:00',
  waitlistHoldMinutes: DEFAULT_OFFER_HOLD_MINUTES,
}

/** Each rule as the admin's form and the audit log name it, with the range the form states. */
export const BOOKING_RULE_FIELDS: { key: keyof BookingRules; label: string; hint: string }[] = [
  { key: 'horizonWorkingDays', label: '可预约多少个工作日以内', hint: '1–30 个工作日' },
  { key: 'leadMinutes', label: '至少提前多少分钟预约', hint: '0–1440 分钟' },
  { key: 'maxActiveBookings', label: '每人同时有效的预约数', hint: '1–10 个' },
  { key: 'noShowGraceMinutes', label: '时段结束后多少分钟内签到不算失约', hint: '0–120 分钟' },
  { key: 'noShowLimit', label: '失约几次暂停预约', hint: '1–10 次' },
  { key: 'noShowWindowDays', label: '失约次数统计最近多少天', hint: '7–365 天' },
  { key: 'noShowBlockDays', label: '暂停预约多少天', hint: '1–365 天' },
  { key: 'reminderFrom', label: '前一天几点起发送预约提醒', hint: '06:00–21:00，如 09:00' },
  { key: 'waitlistHoldMinutes', label: '候补空位为第一位保留多少分钟', hint: '5–120 分钟' },
]

/** A center's rules: its overrides over the defaults. @example bookingRulesFor({ leadMinutes: 60 }).maxActiveBookings // 3 */
export function bookingRulesFor(overrides?: Partial<BookingRules> | null): BookingRules {
  return withOverrides(DEFAULT_BOOKING_RULES, overrides)
}

/** Who makes a booking, as far as the per-person limits care. */
export interface BookingMaker {
  openid: string
  /** The ID hash of the maker's own identity, only when it is verified (a self-declared one proves nothing). */
  verifiedIdHash: string | null
  /** ID hashes of the maker's relatives who consented to this account booking for them. */
  consentedIdHashes: readonly string[]
}

/**
 * Whose limits (active bookings, one per service and day, no-shows) a booking counts against: the
 * person's (`person_<idHash>`) when the person made it themself (verified) or a relative they consented
 * to did; otherwise the account's that made it (`account_<openid>`). So typing someone else's ID number
 * can neither use up nor probe that person's limits: whatever it books counts against the typist.
 * @example limitHolder('h1', { openid: 'o2', verifiedIdHash: 'h2', consentedIdHashes: [] }) // 'account_o2'
 * @example limitHolder('h1', { openid: 'o2', verifiedIdHash: null, consentedIdHashes: ['h1'] }) // 'person_h1'
 */
export function limitHolder(idHash: string, maker: BookingMaker): string {
  return actsForPerson(idHash, maker) ? `person_${idHash}` : `account_${maker.openid}`
}

/**
 * Whether the maker is the person `idHash` names (verified) or acts for them with their consent: who may learn
 * what is on record about that person (a home-certification request in progress, say).
 * @example actsForPerson('h1', { openid: 'o', verifiedIdHash: null, consentedIdHashes: ['h1'] }) // true
 */
export function actsForPerson(idHash: string, maker: BookingMaker): boolean {
  return maker.verifiedIdHash === idHash || maker.consentedIdHashes.includes(idHash)
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** The instant a booking becomes a no-show if nobody checked in. @example checkInDeadline(new Date('2026-12-01T01:30:00Z')) // 2026-12-01T01:45:00Z */
export function checkInDeadline(slotEnd: Date, rules: BookingRules = DEFAULT_BOOKING_RULES): Date {
  return new Date(slotEnd.getTime() + rules.noShowGraceMinutes * MINUTE)
}

/** How far back no-shows can matter for a block at `now` (window + block length). */
export function noShowLookbackStart(now: Date, rules: BookingRules = DEFAULT_BOOKING_RULES): Date {
  return new Date(now.getTime() - (rules.noShowWindowDays + rules.noShowBlockDays) * DAY)
}

/**
 * Whether a person's no-shows block new bookings at `now`, and until when. A block
 * starts at each no-show that is the `noShowLimit`-th within `noShowWindowDays`
 * and lasts `noShowBlockDays`; the latest such block wins.
 * @example noShowBlock([d('2026-11-01'), d('2026-11-10'), d('2026-11-20')], d('2026-11-25'))?.until // 2026-12-20
 */
export function noShowBlock(
  noShows: Date[],
  now: Date,
  rules: BookingRules = DEFAULT_BOOKING_RULES,
): { until: Date; count: number } | null {
  const times = noShows
    .map((d) => d.getTime())
    .filter((t) => t <= now.getTime())
    .sort((a, b) => a - b)
  let until: number | null = null
  let count = 0
  for (let i = rules.noShowLimit - 1; i < times.length; i++) {
    const first = times[i - rules.noShowLimit + 1]
    if (times[i] - first < rules.noShowWindowDays * DAY) {
      const end = times[i] + rules.noShowBlockDays * DAY
      if (end > now.getTime() && (until === null || end > until)) {
        until = end
        count = times.filter((t) => t > times[i] - rules.noShowWindowDays * DAY && t <= times[i]).length
      }
    }
  }
  return until === null ? null : { until: new Date(until), count }
}

/** What a blocked resident is told. @example blockMessage(new Date('2026-12-20T02:00:00Z')) // '近 90 天内失约已达 3 次，暂停预约至 2026年12月20日 10:00，之后可再次预约' */
export function blockMessage(until: Date, rules: BookingRules = DEFAULT_BOOKING_RULES): string {
  return `近 ${rules.noShowWindowDays} 天内失约已达 ${rules.noShowLimit} 次，暂停预约至 ${beijing(until).format('YYYY年M月D日 HH:mm')}，之后可再次预约`
}

/** Booking states a person can still act on, and the 我的预约 tab each state belongs to. */
export type BookingState = 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show'

export const STATUS_TEXT: Record<BookingState, string> = {
  booked: '待办理',
  checked_in: '已签到',
  completed: '已完成',
  cancelled: '已取消',
  no_show: '已失约',
}

export const TAB_STATES = {
  upcoming: ['booked', 'checked_in'],
  done: ['completed'],
  cancelled: ['cancelled', 'no_show'],
} as const satisfies Record<string, readonly BookingState[]>

/** A booking can be cancelled or moved while it is booked and its slot has not started. */
export function canChange(status: BookingState, slotStart: Date, now: Date): boolean {
  return status === 'booked' && now.getTime() < slotStart.getTime()
}
