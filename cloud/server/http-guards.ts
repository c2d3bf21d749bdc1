/**
 * What the local server answers before (or instead of) any function: the security headers every
 * answer carries, the time and connection limits, and the envelope for the errors fastify and Node's
 * HTTP parser raise themselves (a bad URL, a broken request line, a body that never finishes).
 */
import { createHash } from 'node:crypto'
import type { Duplex } from 'node:stream'
import type { Envelope } from '@/contract/envelope'

/**
 * The H5 build's needs, no more: its scripts and styles are files of this origin, plus the inline
 * scripts of its index.html named by their hash (Taro's components also set inline styles, hence
 * 'unsafe-inline' for styles only); QR codes and photos are data: or blob: images; the app calls only
 * this origin; nothing may frame it (no clickjacking of 取消 or 办结).
 * @example contentSecurityPolicy(["'sha256-…'"]) // "default-src 'self'; script-src 'self' 'sha256-…'; …"
 */
export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The policy of answers that are not the app's page (JSON, errors): no inline script at all. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

/**
 * The CSP hashes of the inline scripts of the H5 build's index.html (the template's root font-size
 * script), read once at start: the page runs them and nothing else inline. None without a build.
 */
export function inlineScriptHashes(indexHtml: string | null): string[] {
  if (!indexHtml) return []
  return [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  )
}

/** The headers of every answer, with this content security policy. */
export const securityHeaders = (csp: string): Record<string, string> => ({
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
})

/** On every answer that is not the app's page: functions, errors, the parser's own refusals. */
export const SECURITY_HEADERS = securityHeaders(CONTENT_SECURITY_POLICY)

export interface HostLimits {
  /** The whole request (headers and body) must arrive within this (`REQUEST_TIMEOUT_MS`): a slow-body connection is closed. */
  requestTimeoutMs: number
  /** A connection with nothing moving for this long is closed (`IDLE_TIMEOUT_MS`). */
  idleTimeoutMs: number
  /** Open connections at once (`MAX_CONNECTIONS`); more are closed on arrival. */
  maxConnections: number
}

export const DEFAULT_LIMITS: HostLimits = { requestTimeoutMs: 20_000, idleTimeoutMs: 30_000, maxConnections: 1_000 }

/**
 * `REQUEST_TIMEOUT_MS`, `IDLE_TIMEOUT_MS`, `MAX_CONNECTIONS` (whole positive numbers), else the defaults.
 * @example loadHostLimits({ REQUEST_TIMEOUT_MS: '5000' }) // { requestTimeoutMs: 5000, idleTimeoutMs: 30000, maxConnections: 1000 }
 */
export function loadHostLimits(env: NodeJS.ProcessEnv): HostLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole positive number, got ${raw}`)
    return n
  }
  return {
    requestTimeoutMs: read('REQUEST_TIMEOUT_MS', DEFAULT_LIMITS.requestTimeoutMs),
    idleTimeoutMs: read('IDLE_TIMEOUT_MS', DEFAULT_LIMITS.idleTimeoutMs),
    maxConnections: read('MAX_CONNECTIONS', DEFAULT_LIMITS.maxConnections),
  }
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }

/**
 * Node's parser refused the request before fastify saw it: answer the envelope on the raw socket
 * (with the security headers) and close. A reset connection gets nothing: nobody is listening.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const [status, envelope]: [number, Envelope<never>] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, { ok: false, error: { code: 'INVALID_INPUT', message: '请求超时：内容没有在规定时间内传完，请重新提交' } }]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: '请求头太大' } }]
        : [400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求格式不正确' } }]
  const body = JSON.stringify(envelope)
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')
  // A socket that is gone or not writable any more: nothing to answer.
  if (!socket.writable) return void socket.destroy()
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\n${head}\r\n\r\n${body}`)
}

/**
 * `TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges of the reverse proxies in front of the server.
 * @example loadTrustedProxies({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' }) // ['127.0.0.1', '10.0.0.0/8']
 */
export function loadTrustedProxies(env: NodeJS.ProcessEnv): string[] {
  const list = (env.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const p of list)
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p)) throw new Error(`TRUSTED_PROXIES must list IP addresses or CIDR ranges, got ${p}`)
  return list
}
