import { queueInputs } from '@/contract/queue'
import { defineFunction } from '@cloud/runtime/dispatch'
import * as resident from './resident'
import * as staff from './staff'

/**
 * `queue`: check-in, tickets, the counter console, the hall screen — the action table. Dispatch validates each
 * action's input with its contract schema; its named function (./resident.ts, ./staff.ts) authorizes, applies
 * the rule, writes.
 */
/**
 * The hall board is asked every second by every hall screen: on CloudBase it reads its board document each time and
 * takes the configuration (the center, windows, rules, the clerk's role) as checked when the instance checked it this
 * recently, so a poll is one database request, not two (cloud/store/cloudbase/config-cache.ts says what that allows).
 */
export const BOARD_CONFIG_MAX_AGE_MS = 10_000

export const queue = defineFunction('queue', queueInputs, ['bookings', 'queue', 'homecert'], {
  checkInStatus: { access: 'signed_in', run: resident.checkInStatus },
  today: { access: 'signed_in', run: resident.today },
  checkIn: { access: 'signed_in', run: resident.checkIn },
  myTicket: { access: 'signed_in', run: resident.myTicket },
  myTickets: { access: 'signed_in', run: resident.myTickets },
  display: { access: 'signed_in', run: staff.display, configMaxAgeMs: BOARD_CONFIG_MAX_AGE_MS },
  console: { access: 'signed_in', run: staff.windowConsole },
  ticket: { access: 'signed_in', run: staff.ticket },
  callNext: { access: 'signed_in', run: staff.callNext },
  recall: { access: 'signed_in', run: staff.recall },
  skip: { access: 'signed_in', run: staff.skip },
  putBack: { access: 'signed_in', run: staff.putBack },
  start: { access: 'signed_in', run: staff.start },
  complete: { access: 'signed_in', run: staff.complete },
  setGreen: { access: 'signed_in', run: staff.setGreen },
  transfer: { access: 'signed_in', run: staff.transfer },
  checkInByCode: { access: 'signed_in', run: staff.checkInByCode },
  issueWalkIn: { access: 'signed_in', run: staff.issueWalkIn },
})
