import { longDate } from '@/core/beijing-time'
import { INSTEAD, windowText, type HomecertRules } from '@/core/home-certification'
import type { HomecertStatus } from '@/core/home-certification-states'
import { maskMobile } from '@/core/phone'
import type { HomecertRecord, NewMessage } from '@cloud/store/port'

/** The family's page of a request, and the worker's. */
export const familyLink = (id: string) => `/pages/homecert/detail/index?id=${id}`
export const staffLink = (id: string) => `/staff/pages/homecert/detail/index?id=${id}`

const ref = (r: HomecertRecord) => `为${r.elderName}申请的上门认证（编号 ${r.number}）`

/**
 * The 消息 the family gets when a request reaches `to` (null: none, e.g. for what
 * they did themselves). Never an ID number; the worker's phone masked.
 */
export function familyNotice(
  r: HomecertRecord,
  to: HomecertStatus,
  workerPhone: string | null,
  rules: HomecertRules,
): { title: string; body: string } | null {
  switch (to) {
    case 'submitted':
      return {
        title: '上门认证申请已提交',
        body: `您${ref(r)}已收到。工作人员会在 ${rules.overdueWorkingDays} 个工作日内安排网格员，并与您约定上门时间。`,
      }
    case 'assigned':
      return {
        title: '已安排网格员',
        body: `您${ref(r)}已安排网格员${r.workerName ?? ''}${workerPhone ? `（电话 ${maskMobile(workerPhone)}）` : ''}负责，将与您联系约定上门时间。`,
      }
    case 'scheduled':
      return {
        title: '上门时间已约定',
        body: `网格员${r.workerName ?? ''}将于 ${r.visitDate && r.visitHalf ? windowText({ date: r.visitDate, half: r.visitHalf }) : ''} 上门为${r.elderName}办理认证。请家中留人，备好老人的身份证原件。`,
      }
    case 'visiting':
      return { title: '网格员已出发', body: `网格员${r.workerName ?? ''}已出发上门为${r.elderName}办理认证，请家中留人。` }
    case 'not_home':
      return {
        title: '上门未遇',
        body: `网格员上门时${r.elderName}不在家（第 ${r.notHomeCount} 次），将重新与您约定时间。如需改期，可在申请详情中选择新的时间。`,
      }
    case 'certified':
      return {
        title: '认证通过',
        body: `${r.elderName}已于 ${r.certifiedOn ? longDate(r.certifiedOn) : ''} 通过养老金领取资格认证。下次认证时间为 ${r.nextDue ? longDate(r.nextDue) : ''}，到期前我们会提醒您。`,
      }
    case 'ineligible':
      return {
        title: '不符合上门认证条件',
        body: `您${ref(r)}经核实不符合上门条件${r.outcomeNote ? `：${r.outcomeNote}` : ''}。${INSTEAD}`,
      }
    case 'closed_other':
      return { title: '上门认证申请已办结', body: `您${ref(r)}已办结${r.outcomeNote ? `：${r.outcomeNote}` : ''}。` }
    case 'cancelled':
      return null
  }
}

/** A 消息 in the family's outbox for step `seq` of a request (id fixed by request and step, so writing it twice is a no-op). */
export function familyMessage(r: HomecertRecord, seq: number, notice: { title: string; body: string }, at: string): NewMessage {
  return {
    id: `homecert-${r.id}-${seq}`,
    centerId: r.centerId,
    openid: r.requesterOpenid,
    bookingId: null,
    kind: 'homecert',
    title: notice.title,
    body: notice.body,
    templateId: null,
    link: familyLink(r.id),
    createdAt: at,
  }
}

/** A 消息 to the worker of a request: a new task, or a change the family made. */
export function workerMessage(r: HomecertRecord, workerOpenid: string, seq: number, title: string, body: string, at: string): NewMessage {
  return {
    id: `homecert-${r.id}-${seq}-worker`,
    centerId: r.centerId,
    openid: workerOpenid,
    bookingId: null,
    kind: 'homecert',
    title,
    body,
    templateId: null,
    link: staffLink(r.id),
    createdAt: at,
  }
}

/** The yearly reminder to the family, once per certification. */
export function dueReminder(r: HomecertRecord, at: string): NewMessage {
  return {
    id: `homecert-due-${r.id}`,
    centerId: r.centerId,
    openid: r.requesterOpenid,
    bookingId: null,
    kind: 'homecert',
    title: '养老金资格认证即将到期',
    body: `${r.elderName}上次认证是 ${r.certifiedOn ? longDate(r.certifiedOn) : ''}，下次应在 ${r.nextDue ? longDate(r.nextDue) : ''} 前认证。可以再次申请上门认证，或到中心窗口办理。`,
    templateId: null,
    link: '/pages/homecert/form/index',
    createdAt: at,
  }
}
