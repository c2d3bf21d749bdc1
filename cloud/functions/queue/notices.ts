import type { NewMessage, TicketRecord } from '@cloud/store/port'

/**
 * The 消息 a resident following a ticket gets when it is called (and called again): its id names the
 * ticket and the recall, so a retried call writes it once. Null for a ticket nobody follows (a kiosk
 * or clerk walk-in) or one not at a window.
 */
export function callMessage(t: TicketRecord, serviceName: string, at: string, templateId: string | null = null): NewMessage | null {
  if (!t.openid || t.window === null) return null
  return {
    id: `queue-call-${t.id}-${t.recalls}`,
    centerId: t.centerId,
    openid: t.openid,
    bookingId: t.bookingId,
    kind: 'queue',
    title: '叫号提醒',
    body: `请 ${t.label} 号到 ${t.window} 号窗口办理（${serviceName}）`,
    // In WeChat also a subscribe message, when the resident allowed the queue's template at check-in.
    templateId: t.notifySoon ? templateId : null,
    link: `/pages/queue/ticket/index?id=${t.id}`,
    createdAt: at,
  }
}

/**
 * 即将到号: the 消息 a resident who allowed it at check-in gets when `ahead` people are ahead of their ticket.
 * Its id names the ticket only, so a ticket is told once whatever moves the queue afterwards. Null for a
 * ticket nobody follows or whose resident did not allow it.
 */
export function soonMessage(
  t: TicketRecord,
  serviceName: string,
  ahead: number,
  at: string,
  templateId: string | null = null,
): NewMessage | null {
  if (!t.openid || !t.notifySoon) return null
  return {
    id: `queue-soon-${t.id}`,
    centerId: t.centerId,
    openid: t.openid,
    bookingId: t.bookingId,
    kind: 'queue',
    title: '即将到号',
    body: `您的 ${t.label} 号前面还有 ${ahead} 人，请回到大厅留意叫号（${serviceName}）`,
    templateId,
    link: `/pages/queue/ticket/index?id=${t.id}`,
    createdAt: at,
  }
}
