import type { NewMessage, TicketRecord } from '@cloud/store/port'

/**
 * The 消息 a resident following a ticket gets when it is called (and called again): its id names the
 * ticket and the recall, so a retried call writes it once. Null for a ticket nobody follows (a kiosk
 * or clerk walk-in) or one not at a window.
 */
export function callMessage(t: TicketRecord, serviceName: string, at: string): NewMessage | null {
  if (!t.openid || t.window === null) return null
  return {
    id: `queue-call-${t.id}-${t.recalls}`,
    centerId: t.centerId,
    openid: t.openid,
    bookingId: t.bookingId,
    kind: 'queue',
    title: '叫号提醒',
    body: `请 ${t.label} 号到 ${t.window} 号窗口办理（${serviceName}）`,
    templateId: null,
    link: `/pages/queue/ticket/index?id=${t.id}`,
    createdAt: at,
  }
}
