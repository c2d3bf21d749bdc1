/**
 * `GET /files/<key>?e=<expiry>&s=<signature>`: the local server hands out a stored photo to whoever holds a URL an
 * action signed for them (cloud/store/sqlite/local-files.ts) — the local counterpart of a CloudBase temp URL.
 * Who may see the photo was decided when the URL was made (delegation.getPhoto, homecert's staff detail); this
 * route checks only the signature and the expiry. Anything else answers the envelope: a changed, made-up or
 * removed file NOT_FOUND (nothing says which), an expired URL FORBIDDEN with what to do.
 */
import type { FastifyInstance } from 'fastify'
import { HTTP_STATUS, type Envelope } from '@/contract/envelope'
import { AppError } from '../runtime/app-error'
import { LOCAL_FILES_PATH, signedParts, type LocalFileStore } from '../store/sqlite/local-files'

export function registerFileRoute(app: FastifyInstance, files: LocalFileStore): void {
  app.get(`${LOCAL_FILES_PATH}*`, async (req, reply) => {
    const file = files.readSigned(...signedParts(req.url))
    if (typeof file === 'string') {
      const error =
        file === 'expired'
          ? new AppError('FORBIDDEN', '照片链接已过期，请返回后重新打开照片')
          : new AppError('NOT_FOUND', '没有找到这张照片')
      const envelope: Envelope<never> = { ok: false, error: error.toWire() }
      return reply.code(HTTP_STATUS[envelope.error.code]).send(envelope)
    }
    // Private to the one who opened it; never stored by a shared cache, never sniffed as anything but the image it is.
    return reply
      .type(file.contentType)
      .header('cache-control', 'private, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes)
  })
}

/**
 * The request as the server log shows it: a photo URL without its key and signature (a signed URL is a pass to the
 * photo until it expires, so it is kept out of logs like an openid).
 */
export function requestForLog(req: { method: string; url: string; ip?: string }): { method: string; url: string; remoteAddress?: string } {
  return {
    method: req.method,
    url: req.url.startsWith(LOCAL_FILES_PATH) ? `${LOCAL_FILES_PATH}[redacted]` : req.url,
    remoteAddress: req.ip,
  }
}
