/**
 * The QR links (src/core/qr-links.ts) opened outside WeChat: a phone's camera, or any browser, lands on the H5 page the
 * mini-program opens for the same link (WeChat's 扫普通链接二维码打开小程序 rule does that in WeChat).
 */
import type { FastifyInstance } from 'fastify'
import { QR_LINKS } from '@/core/qr-links'

export function registerQrLinkRoutes(app: FastifyInstance) {
  app.get<{ Params: { center: string; code: string } }>(`/${QR_LINKS.checkIn.path}/:center/:code`, (req, reply) => {
    const { center, code } = req.params
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(center) || !/^\d{6}$/.test(code)) return reply.callNotFound()
    return reply.redirect(`/#/pages/queue/check-in/index?center=${center}&code=${code}`, 302)
  })
  app.get<{ Params: { code: string } }>(`/${QR_LINKS.invite.path}/:code`, (req, reply) => {
    const { code } = req.params
    if (!/^[A-Za-z0-9]{1,16}$/.test(code)) return reply.callNotFound()
    return reply.redirect(`/#/staff/pages/join/index?code=${code}`, 302)
  })
}
