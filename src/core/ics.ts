/**
 * A one-event iCalendar file (RFC 5545) for "添加到日历". Times are written in
 * UTC (`…Z`), which every calendar converts to the viewer's zone, so no
 * VTIMEZONE block is needed. Pure string building, no Buffer: the
 * mini-program uses this too.
 */
import { longDate, weekdayName, type IsoDate } from './beijing-time'

export interface CalendarEvent {
  /** Globally unique and stable for the appointment, so re-importing updates instead of duplicating. */
  uid: string
  start: Date
  end: Date
  /** When the file was made (DTSTAMP). */
  stamp: Date
  summary: string
  location?: string
  description?: string
  /** Minutes before the start for a display alarm; none when omitted. */
  alarmMinutesBefore?: number
}

/** `20261201T010000Z` (cut from the ISO text: every booking's answer writes three of these). */
export function icsUtc(instant: Date): string {
  const iso = instant.toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
}

const NEEDS_ESCAPE = /[\\;,\r\n]/

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. @example escapeIcsText('a,b;c\nd') // 'a\\,b\\;c\\nd' */
export function escapeIcsText(value: string): string {
  // Most values (uids, most names) hold nothing to escape: one test instead of four replacements.
  if (!NEEDS_ESCAPE.test(value)) return value
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

const BEYOND_PRINTABLE_ASCII = /[^ -~]/

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/**
 * Folds a content line at 75 octets (§3.1): continuation lines start with a
 * space; a multi-byte character is never split (Chinese text is 3 octets a character).
 */
export function foldIcsLine(line: string): string {
  // A character is at most 3 octets per UTF-16 unit (4 for a surrogate pair's two): a line of 25 units always fits,
  // and so does one of up to 75 printable ASCII characters.
  if (line.length <= 25 || (line.length <= 75 && !BEYOND_PRINTABLE_ASCII.test(line))) return line
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!)
    // The first line holds 75 octets; a continuation holds 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

/**
 * The .ics text of one event, CRLF line ends, folded and escaped.
 * @example calendarFile({ uid: 'b1@bianmin', start, end, stamp, summary: '预约办事：异地就医备案' })
 */
export function calendarFile(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bianmin-service-center//booking//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(event.uid)}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
  ]
  if (event.location) lines.push(`LOCATION:${escapeIcsText(event.location)}`)
  if (event.description) lines.push(`DESCRIPTION:${escapeIcsText(event.description)}`)
  if (event.alarmMinutesBefore !== undefined) {
    lines.push(
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `TRIGGER:-PT${event.alarmMinutesBefore}M`,
      `DESCRIPTION:${escapeIcsText(event.summary)}`,
      'END:VALARM',
    )
  }
  lines.push('END:VEVENT', 'END:VCALENDAR')
  return lines.map(foldIcsLine).join('\r\n') + '\r\n'
}

/** What a booking's calendar file is made of: the fields of its detail (src/contract/booking.ts `BookingDetail`) it reads. */
export interface BookedVisit {
  id: string
  code: string
  serviceName: string
  date: IsoDate
  start: string
  end: string
  startsAt: string
  endsAt: string
  center: { name: string; address: string; phone: string }
  materials: readonly { name: string; copies: string }[]
}

/**
 * A booking's .ics file and its name, for the browser's "添加到日历" (the mini-program uses the phone's calendar
 * instead). Built by the page from the detail it already holds, when the resident taps, rather than by the server
 * for every booking it answers (~8 µs and ~830 bytes of each create's answer, docs/benchmarks.md). The UID is the
 * booking's, so importing it again updates the event instead of adding another.
 * @example bookingCalendarFile(detail, new Date()).fileName // '预约-K7M4QP.ics'
 */
export function bookingCalendarFile(b: BookedVisit, stamp: Date): { text: string; fileName: string } {
  const summary = `预约办事：${b.serviceName}`
  const materials = b.materials.map((m) => `${m.name}（${m.copies}）`).join('、')
  const text = calendarFile({
    uid: `${b.id}@bianmin-service-center`,
    start: new Date(b.startsAt),
    end: new Date(b.endsAt),
    stamp,
    summary,
    location: `${b.center.name}，${b.center.address}`,
    description: `预约码 ${b.code}\n时间 ${longDate(b.date)} ${weekdayName(b.date)} ${b.start}–${b.end}\n请带齐：${materials}\n咨询电话 ${b.center.phone}`,
    alarmMinutesBefore: 60,
  })
  return { text, fileName: `预约-${b.code}.ics` }
}
