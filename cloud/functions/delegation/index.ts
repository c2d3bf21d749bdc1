import { delegationInputs } from '@/contract/delegation'
import { defineFunction } from '@cloud/runtime/dispatch'
import * as resident from './resident'
import * as staff from './staff'
import * as steps from './staff-steps'

/**
 * `delegation`: delegated service cases (帮办代办), the action table. Dispatch validates each action's input
 * with its contract schema; its named function (./resident.ts, ./staff.ts, ./staff-steps.ts) authorizes, applies the rule, writes.
 */
export const delegation = defineFunction('delegation', delegationInputs, ['cases', 'ratings'], {
  create: { access: 'signed_in', run: resident.create },
  listMine: { access: 'signed_in', run: resident.listMine },
  get: { access: 'signed_in', run: resident.get },
  claim: { access: 'signed_in', run: resident.claim },
  uploadPhoto: { access: 'signed_in', run: resident.uploadPhoto },
  getPhoto: { access: 'signed_in', run: resident.getPhoto },
  reply: { access: 'signed_in', run: resident.reply },
  withdraw: { access: 'signed_in', run: resident.withdraw },
  intake: { access: 'signed_in', run: staff.intake },
  staffList: { access: 'signed_in', run: staff.staffList },
  staffGet: { access: 'signed_in', run: staff.staffGet },
  advance: { access: 'signed_in', run: steps.advance },
  tickMaterial: { access: 'signed_in', run: steps.tickMaterial },
  logOriginal: { access: 'signed_in', run: steps.logOriginal },
  reassign: { access: 'signed_in', run: steps.reassign },
  clerks: { access: 'signed_in', run: staff.clerks },
  newClaimCode: { access: 'signed_in', run: staff.newClaimCode },
  revealPhone: { access: 'signed_in', run: staff.revealPhone },
})
