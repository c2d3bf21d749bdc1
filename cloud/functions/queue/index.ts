import { queueInputs } from '@/contract/queue'
import { defineFunction } from '@cloud/runtime/dispatch'
import * as resident from './resident'
import * as staff from './staff'

/**
 * `queue`: check-in, tickets, the counter console, the hall screen — the action table. Dispatch validates each
 * action's input with its contract schema; its named function (./resident.ts, ./staff.ts) authorizes, applies
 * the rule, writes.
 */
export const queue = defineFunction('queue', queueInputs, {
  checkInStatus: { access: 'signed_in', run: resident.checkInStatus },
  today: { access: 'signed_in', run: resident.today },
  checkIn: { access: 'signed_in', run: resident.checkIn },
  myTicket: { access: 'signed_in', run: resident.myTicket },
  myTickets: { access: 'signed_in', run: resident.myTickets },
  display: { access: 'signed_in', run: staff.display },
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
