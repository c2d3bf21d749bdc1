import { peopleInputs } from '@/contract/people'
import type { RelativeWithCode } from '@/contract/people'
import { groupCode } from '@/core/delegation-codes'
import { ID_NUMBER_MESSAGES, idNumberProblem, maskIdNumber, sexOf } from '@/core/id-number'
import { ADD_RELATIVE_ATTEMPTS, CODE_ATTEMPTS, CONSENT_TEXT, consentCodeExpiry, MAX_RELATIVES } from '@/core/people'
import { beijingDate } from '@/core/beijing-time'
import { relationName } from '@/core/relations'
import { AppError, conflict, notFound } from '@cloud/runtime/app-error'
import { requirePii, type ActionContext } from '@cloud/runtime/context'
import { defineFunction } from '@cloud/runtime/dispatch'
import { audit, requireStaff } from '@cloud/runtime/staff'
import type { IdentityRecord } from '@cloud/store/port'
import { limitedAttempt } from './attempts'
import { addRelative, consentCodeHash, newConsentCode, trustedStatus } from './on-file'
import { identityView, peopleOnFile, relativeView } from './views'

/** A birth date after today is caught here (the contract has no clock). */
function checkBirthDate(ctx: ActionContext, idNumber: string) {
  if (idNumberProblem(idNumber, beijingDate(ctx.now())) === 'birth_date')
    throw new AppError('INVALID_INPUT', undefined, { idNumber: ID_NUMBER_MESSAGES.birth_date })
}

/** One wording for a wrong, used or expired code, so a guess learns nothing about which. */
const badCode = () => new AppError('INVALID_INPUT', '确认码不正确或已失效，请向亲友索取新的确认码', { code: '确认码不正确或已失效' })
/** The clerk's refusal: the code and the ID card in hand do not make one pending request (which of the two is wrong is not said). */
const notThisCard = () =>
  new AppError('INVALID_INPUT', '确认码与这张身份证对不上，或确认码已失效：请核对后再输入，或请亲友重新获取确认码', {
    code: '确认码与身份证对不上，或已失效',
  })

/** `people`: 我的身份 and 亲友. Everything but the counter confirmation is the caller's own. */
export const people = defineFunction('people', peopleInputs, [], {
  me: {
    access: 'signed_in',
    async run(_input, ctx) {
      return peopleOnFile(ctx)
    },
  },

  saveIdentity: {
    access: 'signed_in',
    async run({ name, idNumber }, ctx) {
      checkBirthDate(ctx, idNumber)
      const pii = requirePii(ctx)
      const openid = ctx.openid!
      const idHash = pii.hash(idNumber)
      const before = await ctx.store.people.identity(openid)
      // The same person saved again keeps a verification; anyone else starts self-declared.
      const keeps =
        !!before && trustedStatus(ctx, before) === 'verified' && before.idHash === idHash && pii.decrypt(before.nameSealed) === name
      const at = ctx.now().toISOString()
      const identity: IdentityRecord = {
        openid,
        nameSealed: pii.encrypt(name),
        idSealed: pii.encrypt(idNumber),
        idHash,
        idMasked: maskIdNumber(idNumber),
        status: keeps ? 'verified' : 'self_declared',
        verifiedAt: keeps ? before.verifiedAt : null,
        updatedAt: at,
      }
      await ctx.store.people.saveIdentity(identity)
      return identityView(ctx, identity)
    },
  },

  verifyIdentity: {
    access: 'signed_in',
    async run({ verifyResult }, ctx) {
      const openid = ctx.openid!
      const identity = await ctx.store.people.identity(openid)
      if (!identity) throw conflict('请先填写本人姓名和身份证号码')
      if (trustedStatus(ctx, identity) === 'verified') return identityView(ctx, identity)
      const verifier = ctx.verifier
      if (!verifier?.canVerify(openid)) throw conflict('本服务暂未开通实名核验，您的身份按“自行填报”记录')
      const pii = requirePii(ctx)
      const outcome = await verifier.verify({
        openid,
        name: pii.decrypt(identity.nameSealed),
        idNumber: pii.decrypt(identity.idSealed),
        verifyResult: verifyResult ?? null,
      })
      if (outcome === 'unavailable') throw new AppError('INTERNAL', '实名核验服务暂时不可用，请稍后再试')
      if (outcome !== 'verified') throw conflict('实名核验未通过，请确认姓名和身份证号码与本人一致')
      const verified = await ctx.store.people.markVerified(openid, identity.idHash, ctx.now().toISOString())
      if (!verified) throw conflict('本人信息刚刚有变化，请刷新后再试')
      return identityView(ctx, verified)
    },
  },

  addRelative: {
    access: 'signed_in',
    async run({ relation, name, idNumber }, ctx): Promise<RelativeWithCode> {
      const rule = {
        keys: [`add:${ctx.openid}`],
        limit: ADD_RELATIVE_ATTEMPTS,
        what: '亲友信息',
        counts: ['INVALID_INPUT', 'LIMIT_REACHED'] as const,
      }
      return limitedAttempt(ctx, rule, async () => {
        checkBirthDate(ctx, idNumber)
        const { result, code } = await addRelative(ctx, { relation, name, idNumber })
        switch (result.kind) {
          case 'added':
            return { relative: relativeView(ctx, result.relative), code: groupCode(code) }
          // Already listed (a retried tap, or typed again): that record, without a new code.
          case 'existing':
            return { relative: relativeView(ctx, result.relative), code: null }
          case 'too_many':
            throw new AppError('LIMIT_REACHED', `最多添加 ${MAX_RELATIVES} 位亲友，请先删除不再需要的亲友`)
        }
      })
    },
  },

  removeRelative: {
    access: 'signed_in',
    async run({ id }, ctx) {
      if (!(await ctx.store.people.removeRelative(ctx.openid!, id))) throw notFound('亲友')
      return { removed: true as const }
    },
  },

  newConsentCode: {
    access: 'signed_in',
    async run({ id }, ctx): Promise<RelativeWithCode> {
      const relative = await ctx.store.people.relative(id)
      if (!relative || relative.ownerOpenid !== ctx.openid) throw notFound('亲友')
      if (relative.consent !== 'pending') return { relative: relativeView(ctx, relative), code: null }
      const code = newConsentCode()
      const updated = await ctx.store.people.setConsentCode(id, consentCodeHash(ctx, code), consentCodeExpiry(ctx.now()).toISOString())
      if (!updated) return { relative: relativeView(ctx, (await ctx.store.people.relative(id)) ?? relative), code: null }
      return { relative: relativeView(ctx, updated), code: groupCode(code) }
    },
  },

  confirmConsent: {
    access: 'signed_in',
    async run({ code }, ctx) {
      // Only the person themself, proven by a verified identity, consents from WeChat; a typed-in identity proves nothing.
      // Asked before the code is looked at, so this refusal says nothing about the code.
      const identity = await ctx.store.people.identity(ctx.openid!)
      if (!identity || trustedStatus(ctx, identity) !== 'verified')
        throw conflict('请先在“我的身份”完成实名核验，或请亲友陪同到服务中心窗口确认')
      // Counted per account and per person: a second account verified as the same person does not get 5 more tries.
      const keys = [`consent:${ctx.openid}`, `person:${identity.idHash}`]
      return limitedAttempt(ctx, { keys, limit: CODE_ATTEMPTS, what: '确认码', counts: ['INVALID_INPUT'] }, async () => {
        const relative = await ctx.store.people.pendingByCode(consentCodeHash(ctx, code), ctx.now().toISOString())
        if (!relative || identity.idHash !== relative.idHash) throw badCode()
        const confirmed = await ctx.store.people.confirm(relative.id, 'confirmed_by_elder', ctx.openid!, ctx.now().toISOString())
        if (!confirmed) throw badCode()
        return {
          relation: confirmed.relation,
          relationText: relationName(confirmed.relation, sexOf(confirmed.idMasked)),
          consentText: CONSENT_TEXT[confirmed.consent],
        }
      })
    },
  },

  counterConfirm: {
    access: 'signed_in',
    async run({ centerId, code, idNumber }, ctx) {
      const staff = await requireStaff(ctx, centerId, ['counter', 'admin'])
      const idHash = requirePii(ctx).hash(idNumber)
      // Per clerk and per person on the ID card: neither a clerk's account nor one ID card in hand gets endless tries.
      const keys = [`counter:${staff.openid}`, `person:${idHash}`]
      return limitedAttempt(ctx, { keys, limit: CODE_ATTEMPTS, what: '确认码', counts: ['INVALID_INPUT'] }, async () => {
        const relative = await ctx.store.people.pendingByCode(consentCodeHash(ctx, code), ctx.now().toISOString())
        // The clerk checks the ID card in hand against the code's person; a mismatch and a wrong code get one answer.
        if (!relative || relative.idHash !== idHash) throw notThisCard()
        const confirmed = await ctx.store.people.confirm(relative.id, 'confirmed_at_counter', staff.openid, ctx.now().toISOString())
        if (!confirmed) throw notThisCard()
        await audit(ctx, staff, 'people.counterConfirm', 'relative', confirmed.id)
        return {
          name: requirePii(ctx).decrypt(confirmed.nameSealed),
          idMasked: confirmed.idMasked,
          relationText: relationName(confirmed.relation, sexOf(confirmed.idMasked)),
          consentText: CONSENT_TEXT[confirmed.consent],
        }
      })
    },
  },
})
