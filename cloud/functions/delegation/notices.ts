import type { CaseStep } from '@/core/delegation-states'
import type { CaseMessage, CaseRecord } from '@cloud/store/port'
import { dayLabel } from '@/core/beijing-time'

/** The page a case 消息 opens. */
export const caseLink = (id: string) => `/pages/delegation/detail/index?id=${id}`

export interface MessageFacts {
  at: string
  dueDate?: string
  missing?: string[]
  department?: string
  result?: string
  pickupCode?: string
  delivery?: 'pickup' | 'home'
  reason?: string
  /** How the result and the originals come back (`handBackText`), for conclude, deliver, withdraw and reject. */
  handBack?: string | null
}

/**
 * The 消息 a resident gets when their case moves (null for a case not linked to
 * anyone yet; the caller leaves out steps the resident took in the app). Plain sentences, the case number
 * in each, so a message read aloud is enough.
 */
export function caseMessage(c: CaseRecord, event: CaseStep | 'apply', facts: MessageFacts): CaseMessage | null {
  if (!c.openid) return null
  const head = `「${c.serviceName}」（${c.caseNo}）`
  let title: string
  let body: string
  switch (event) {
    case 'apply':
      title = '代办已提交'
      body = `您申请的帮办代办${head}已提交，等待窗口受理。受理后开始计算承诺时限，工作人员会尽快联系您。`
      break
    case 'accept':
      title = '代办已受理'
      body = `您申请的帮办代办${head}已受理${facts.dueDate ? `，承诺 ${dayLabel(facts.dueDate)} 前办结` : ''}。工作人员会尽快联系您。`
      break
    case 'start':
      title = '代办开始办理'
      body = `${head}工作人员已开始办理。`
      break
    case 'ask_supplement':
      title = '请补交材料'
      body = `${head}还缺少：${(facts.missing ?? []).join('、')}。请在小程序里回复并附照片，或带到窗口。补交材料期间暂停计时。`
      break
    case 'submit':
      title = '代办已报送'
      body = `${head}材料已报送${facts.department ?? '主管部门'}办理。`
      break
    case 'conclude':
      title = '代办已办结'
      body =
        `${head}已办结：${facts.result ?? ''}。` +
        (facts.handBack ?? '') +
        (c.handover === 'window' && facts.pickupCode ? `取件码 ${facts.pickupCode}。` : '') +
        '欢迎您对本次服务作出评价。'
      break
    case 'deliver':
      title = facts.delivery === 'home' ? '代办已送达' : '代办已领取'
      body = `${head}${facts.handBack ?? ''}`
      break
    case 'withdraw':
      title = '代办已撤销'
      body = `${head}已按您的要求撤销${facts.reason ? `：${facts.reason}` : ''}。${facts.handBack ?? ''}`
      break
    case 'reject':
      title = '代办不予受理'
      body = `${head}不予受理，原因：${facts.reason ?? ''}。${facts.handBack ?? ''}如有疑问请联系窗口。`
      break
    case 'supplement':
      title = '补交的材料已收到'
      body = `${head}补交的材料工作人员已确认，继续办理，恢复计时。`
      break
  }
  return {
    centerId: c.centerId,
    openid: c.openid,
    bookingId: null,
    kind: 'case',
    title,
    body,
    templateId: null,
    link: caseLink(c.id),
    createdAt: facts.at,
  }
}
