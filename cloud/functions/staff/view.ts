import type { AuditItem, GrantView, InviteView, StaffMember } from '@/contract/staff'
import { grantText, INVITE_STATUS_TEXT, inviteQrText, inviteStatus, maskOpenid, normalizeGrant, type Grant } from '@/core/staff-roles'
import { groupCode } from '@/core/delegation-codes'
import type { AuditEntry, InviteRecord, StaffMemberRecord } from '@cloud/store/port'
import { CASE_STEP_NAMES, CASE_STEPS } from '@/core/delegation-states'
import { ACTION_TEXT as HOMECERT_ACTION_TEXT, HOMECERT_ACTIONS } from '@/core/home-certification-states'

export const grantView = (g: Grant): GrantView => {
  const n = normalizeGrant(g)
  return { ...n, text: grantText(n) }
}

/**
 * An invite on the wire; the code itself only right after it was made (it is stored as a hash). `linkBase`: the
 * deployment's QR link domain (`QR_LINK_BASE`), which makes the QR a link WeChat's 扫一扫 opens.
 */
export function inviteView(i: InviteRecord, now: Date, code: string | null = null, linkBase?: string | null): InviteView {
  const status = inviteStatus(i, now)
  return {
    id: i.id,
    name: i.name,
    grant: grantView(i.grant),
    status,
    statusText: INVITE_STATUS_TEXT[status],
    code,
    codeText: code ? groupCode(code) : `尾号 ${i.codeTail}`,
    qrText: code ? inviteQrText(code, linkBase) : null,
    expiresAt: i.expiresAt,
    createdByName: i.createdByName,
    createdAt: i.createdAt,
    usedByName: i.usedByName,
    usedAt: i.usedAt,
  }
}

const ROLE_ORDER = { admin: 0, supervisor: 1, counter: 2, grid: 3 } as const

export function memberView(m: StaffMemberRecord, caller: string): StaffMember {
  return {
    openid: m.openid,
    openidText: maskOpenid(m.openid),
    name: m.name,
    grants: [...m.grants].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]).map(grantView),
    isSelf: m.openid === caller,
  }
}

/** The areas whose staff actions are logged, as the filter names them. */
export const AUDIT_AREAS: { key: string; name: string }[] = [
  { key: 'queue', name: '叫号' },
  { key: 'homecert', name: '上门认证' },
  { key: 'delegation', name: '帮办代办' },
  { key: 'rating', name: '好差评回访' },
  { key: 'config', name: '中心设置' },
  { key: 'staff', name: '人员与权限' },
  { key: 'stats', name: '统计导出' },
  { key: 'calendar', name: '年度放假安排' },
  { key: 'people', name: '亲友授权' },
]

/** Actions in words where we know them; anything else shows as written. */
const ACTION_TEXT: Record<string, string> = {
  'staff.createInvite': '发出邀请',
  'staff.cancelInvite': '作废邀请',
  'staff.redeemInvite': '接受邀请',
  'staff.setGrant': '修改岗位范围',
  'staff.revokeGrant': '取消岗位',
  'config.updateCenter': '修改中心信息',
  'config.setDay': '设置办公日',
  'config.removeDay': '删除办公日设置',
  'config.createService': '新增事项',
  'config.updateService': '修改事项',
  'config.setServiceRetired': '下线/恢复事项',
  'config.saveWindow': '修改窗口',
  'config.removeWindow': '删除窗口',
  'config.saveCommunity': '修改社区/村',
  'config.removeCommunity': '删除社区/村',
  'config.updateBookingRules': '修改预约规则',
  'config.updateQueueRules': '修改排队规则',
  'config.updateHomecertRules': '修改上门认证规则',
  'config.updateRatingRules': '修改差评回复时限',
  'rating.answer': '回复差评',
  'stats.export': '导出统计表',
  'stats.districtExport': '导出全区概览',
  'calendar.saveYear': '录入年度放假安排',
  'calendar.importYear': '导入年度放假安排',
  'queue.callNext': '叫号',
  'queue.recall': '重呼',
  'queue.skip': '过号',
  'queue.putBack': '恢复排队',
  'queue.start': '开始办理',
  'queue.complete': '办结',
  'queue.transfer': '转事项',
  'queue.setGreen': '标记绿色通道',
  'queue.checkInByCode': '窗口签到',
  'queue.issueWalkIn': '现场取号',
  'homecert.assign': '派单',
  'homecert.schedule': '约定上门时间',
  'homecert.startVisit': '开始上门',
  'homecert.list': '查看上门认证列表',
  'homecert.view': '查看上门认证申请',
  'homecert.listDueSoon': '查看即将到期的老人',
  ...Object.fromEntries(HOMECERT_ACTIONS.map((a) => [`homecert.${a}`, HOMECERT_ACTION_TEXT[a]])),
  ...Object.fromEntries(CASE_STEP_NAMES.map((step) => [`delegation.${step}`, CASE_STEPS[step].text])),
  'delegation.staffList': '查看代办件列表',
  'delegation.intake': '窗口收件',
  'delegation.tickMaterial': '勾选材料',
  'delegation.original.received': '收取原件',
  'delegation.original.returned': '退还原件',
  'delegation.reassign': '转派',
  'delegation.getPhoto': '查看补交照片',
  'delegation.newClaimCode': '生成领取码',
  'delegation.revealPhone': '查看完整电话',
  'people.counterConfirm': '窗口确认亲友授权',
}

const RECORD_TEXT: Record<string, string> = {
  invite: '邀请',
  staff: '工作人员',
  service: '事项',
  center: '中心',
  center_day: '办公日',
  window: '窗口',
  community: '社区/村',
  stats: '统计表',
  calendar_year: '年度放假安排',
  ticket: '排队号',
  homecert: '上门认证申请',
  case: '代办件',
  relative: '亲友授权',
  rating: '评价',
}

/** An action in words: as the app names it elsewhere; an action logged by a later version, by its area only. */
export function actionText(action: string): string {
  const area = AUDIT_AREAS.find((a) => action.startsWith(`${a.key}.`))
  return ACTION_TEXT[action] ?? `${area?.name ?? '其他'}：其他操作`
}

export function auditItem(e: AuditEntry & { id: number }): AuditItem {
  return {
    id: e.id,
    at: e.at,
    actorName: e.actorName,
    actorOpenidText: maskOpenid(e.actorOpenid),
    action: e.action,
    actionText: actionText(e.action),
    recordType: e.recordType,
    recordTypeText: RECORD_TEXT[e.recordType] ?? '其他记录',
    recordId: e.recordId ?? null,
    recordLabel: e.recordLabel ?? null,
    detail: e.detail ?? null,
  }
}
