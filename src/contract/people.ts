import * as z from 'zod/mini'
import type { ConsentState, IdentityStatus, VerifyMethod } from '../core/people'
import { CONSENT_CODE_LENGTH } from '../core/people'
import { isCode } from '../core/delegation-codes'
import { RELATION_KEYS, type RelationKey } from '../core/relations'
import { centerScoped, idNumberField, personNameField, recordId } from './common'

const relativeId = recordId('亲友')
const consentCode = z
  .string({ error: '请填写确认码' })
  .check(z.refine((v) => isCode(v, CONSENT_CODE_LENGTH), { error: `确认码是 ${CONSENT_CODE_LENGTH} 位字母和数字` }))

/** `people`: 我的身份 (the resident's own name and ID number) and 亲友 (the relatives they act for, with their consent). */
export const peopleInputs = {
  me: z.object({}),
  /** Records (or replaces) the caller's own name and ID number; a replaced identity is no longer verified. */
  saveIdentity: z.object({ name: personNameField, idNumber: idNumberField }),
  /**
   * Checks the recorded identity: in WeChat with the `verifyResult` key `wx.startFacialRecognitionVerify` gave the page
   * (checked with WeChat by the server); locally the dev verifier confirms the demo personas without one.
   */
  verifyIdentity: z.object({
    verifyResult: z.optional(
      z
        .string({ error: '核验结果格式不正确' })
        .check(z.minLength(1, { error: '核验结果格式不正确' }), z.maxLength(512, { error: '核验结果格式不正确' })),
    ),
  }),
  addRelative: z.object({
    relation: z.enum(RELATION_KEYS, { error: '请选择与亲友的关系' }),
    name: personNameField,
    idNumber: idNumberField,
  }),
  removeRelative: z.object({ id: relativeId }),
  /** A new one-time code for a relative who has not confirmed yet (the old one stops working). */
  newConsentCode: z.object({ id: relativeId }),
  /** The relative, from their own WeChat (their identity verified and the same person), confirms with the code. */
  confirmConsent: z.object({ code: consentCode }),
  /** A clerk at the counter, having seen the relative's ID card, confirms with the code and that ID number. Audited. */
  counterConfirm: z.extend(centerScoped, { code: consentCode, idNumber: idNumberField }),
}

export interface IdentityView {
  name: string
  idMasked: string
  status: IdentityStatus
  /** 自行填报 or 已实名核验. */
  statusText: string
}

export interface RelativeView {
  id: string
  relation: RelationKey
  relationText: string
  name: string
  idMasked: string
  consent: ConsentState
  /** e.g. 待本人确认, 已在窗口确认. */
  consentText: string
  /** When the current one-time code stops working (pending only); the code itself is shown once, when made. */
  codeExpiresAt: string | null
}

/** A relative just added (or given a new code): the code to hand to them, shown this once. */
export interface RelativeWithCode {
  relative: RelativeView
  /** Grouped for reading aloud, e.g. `K7M4 QP2X`; null when no code is needed (already confirmed). */
  code: string | null
}

export interface PeopleOutputs {
  me: {
    identity: IdentityView | null
    /** Whether this caller can be verified here: in WeChat by face verification, locally the demo personas. */
    canVerify: boolean
    /** How: `face` (the page runs WeChat face verification first), `dev` (no step on the page); null when verification is off. */
    verifyMethod: VerifyMethod | null
    relatives: RelativeView[]
  }
  saveIdentity: IdentityView
  verifyIdentity: IdentityView
  addRelative: RelativeWithCode
  removeRelative: { removed: true }
  newConsentCode: RelativeWithCode
  confirmConsent: { relation: RelationKey; relationText: string; consentText: string }
  counterConfirm: { name: string; idMasked: string; relationText: string; consentText: string }
}
