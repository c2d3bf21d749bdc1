import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Beijing time without the host's TZ and without Intl time zones.
 *
 * China has kept UTC+8 all year since 1991 (no daylight saving), so a fixed
 * offset is exact for every date we handle. A fixed offset also works where the
 * `dayjs/plugin/timezone` Intl machinery does not (older WeChat clients), and it
 * makes every rule below independent of `process.env.TZ`.
 */
export const BEIJING_OFFSET_MINUTES = 8 * 60

/** A calendar date in Beijing, `YYYY-MM-DD`. */
export type IsoDate = string
/** A wall-clock time of day in Beijing, `HH:mm`. */
export type ClockTime = string

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/

/*
 * Conversions are plain UTC arithmetic on epoch milliseconds rather than dayjs parse/format (only `beijing`
 * hands back a Dayjs, for formatting):
 * same answers (the tests run under several host time zones), but they sit on every booking's path and
 * dayjs' parse/format was a measurable part of it (npm run bench, docs/benchmarks.md).
 */
const DAY_MS = 86_400_000
const OFFSET_MS = BEIJING_OFFSET_MINUTES * 60_000

/** Epoch ms of an instant; strings are parsed the way dayjs parses them (the rare path). */
function epochMs(instant: Date | number | string): number {
  if (typeof instant === 'number') return instant
  if (instant instanceof Date) return instant.getTime()
  return dayjs(instant).valueOf()
}

/**
 * The instant seen on a Beijing wall clock: a UTC-mode Dayjs whose fields (format, hour, day, add) read Beijing
 * time. Read it, don't convert it back (its valueOf is the wall reading; use `atBeijing` for instants).
 * Not `utcOffset(480)`: dayjs shifts through the host's local time there and slips an hour around the host's DST changes.
 * @example beijing(new Date('2026-01-01T16:30:00Z')).format('HH:mm') // '00:30'
 */
export function beijing(instant: Date | number | string = Date.now()): Dayjs {
  return dayjs.utc(epochMs(instant) + OFFSET_MS)
}

/** Epoch ms of UTC midnight of a `YYYY-MM-DD` date (the date is assumed well-formed). */
function utcMidnight(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}

const isoDateOf = (utcMs: number): IsoDate => new Date(utcMs).toISOString().slice(0, 10)

/** The Beijing calendar date of an instant. @example beijingDate(new Date('2026-09-30T16:00:00Z')) // '2026-10-01' */
export function beijingDate(instant: Date | number | string = Date.now()): IsoDate {
  return isoDateOf(epochMs(instant) + OFFSET_MS)
}

/** The Beijing wall-clock time of an instant, `HH:mm`. */
export function beijingClock(instant: Date | number | string = Date.now()): ClockTime {
  return new Date(epochMs(instant) + OFFSET_MS).toISOString().slice(11, 16)
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false
  // Date.UTC rolls 02-30 over to 03-02: a real date is one that comes back unchanged.
  return isoDateOf(utcMidnight(value)) === value
}

/** True for `HH:mm` on a 24-hour clock. */
export function isClockTime(value: string): boolean {
  return TIME_RE.test(value)
}

/** The instant at which a Beijing wall clock shows `time` on `date`. @example atBeijing('2026-10-10', '09:00').toISOString() // '2026-10-10T01:00:00.000Z' */
export function atBeijing(date: IsoDate, time: ClockTime = '00:00'): Date {
  return new Date(utcMidnight(date) + minutesOf(time) * 60_000 - OFFSET_MS)
}

/** Adds whole calendar days to a date. @example addDays('2026-02-28', 1) // '2026-03-01' */
export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDateOf(utcMidnight(date) + days * DAY_MS)
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const d = new Date(utcMidnight(date)).getUTCDay()
  return d === 0 ? 7 : d
}

/** Minutes since midnight of `HH:mm`. @example minutesOf('13:30') // 810 */
export function minutesOf(time: ClockTime): number {
  // Read in place, not split into an array: every slot check of a create and an availability call asks (the same answers).
  const colon = time.indexOf(':')
  if (colon < 0) return NaN
  const next = time.indexOf(':', colon + 1)
  return Number(time.slice(0, colon)) * 60 + Number(next < 0 ? time.slice(colon + 1) : time.slice(colon + 1, next))
}

/** `HH:mm` of minutes since midnight. @example clockOf(810) // '13:30' */
export function clockOf(minutes: number): ClockTime {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** Chinese weekday name of a date. @example weekdayName('2026-10-10') // '周六' */
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[isoWeekday(date)]
}

/** A date as residents write it, without the year. @example monthDay('2027-02-05') // '2月5日' */
export function monthDay(date: IsoDate): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/**
 * A day as residents read it everywhere in the app (the one date style of resident-facing text; ISO stays in inputs
 * and exports). @example dayLabel('2026-12-07') // '12月7日 周一'
 */
export function dayLabel(date: IsoDate): string {
  return `${monthDay(date)} ${weekdayName(date)}`
}

/**
 * An instant as residents read it: its Beijing day in the same style, and the clock.
 * @example momentLabel('2026-12-07T01:05:00Z') // '12月7日 周一 09:05'
 */
export function momentLabel(instant: Date | number | string): string {
  return `${dayLabel(beijingDate(instant))} ${beijingClock(instant)}`
}

/** A date as residents write it, with the year. @example longDate('2027-02-05') // '2027年2月5日' */
export function longDate(date: IsoDate): string {
  return `${date.slice(0, 4)}年${monthDay(date)}`
}
