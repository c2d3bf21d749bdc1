import { homecertInputs } from '@/contract/homecert'
import { defineFunction } from '@cloud/runtime/dispatch'
import * as resident from './resident'
import * as staff from './staff'

/**
 * `homecert`: door-to-door pension certification (上门认证), the action table. Dispatch validates each action's
 * input with its contract schema; its named function (./resident.ts for the family, ./staff.ts) authorizes,
 * applies the rule, writes.
 */
export const homecert = defineFunction('homecert', homecertInputs, ['homecert'], {
  options: { access: 'anyone', run: resident.options },
  submit: { access: 'signed_in', run: resident.submit },
  listMine: { access: 'signed_in', run: resident.listMine },
  get: { access: 'signed_in', run: resident.get },
  cancel: { access: 'signed_in', run: resident.cancel },
  reschedule: { access: 'signed_in', run: resident.reschedule },
  listForStaff: { access: 'signed_in', run: staff.listForStaff },
  staffGet: { access: 'signed_in', run: staff.staffGet },
  assign: { access: 'signed_in', run: staff.assign },
  schedule: { access: 'signed_in', run: staff.schedule },
  startVisit: { access: 'signed_in', run: staff.startVisit },
  recordOutcome: { access: 'signed_in', run: staff.recordOutcome },
  listDueSoon: { access: 'signed_in', run: staff.listDueSoon },
})
