import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { HTTP_STATUS, type Envelope } from '@/contract/envelope'
import { FUNCTIONS } from '../functions'
import { AppError } from '../runtime/app-error'
import { DEFAULT_SETTINGS, type AppSettings } from '../runtime/context'
import { dispatch } from '../runtime/dispatch'
import type { IdentityVerifier } from '../runtime/identity-verifier'
import type { PersonalData } from '../runtime/personal-data'
import type { Store } from '../store/port'
import { PERSONAS } from '../seed/personas'
import path from 'node:path'
import {
  answerClientError,
  contentSecurityPolicy,
  DEFAULT_LIMITS,
  inlineScriptHashes,
  SECURITY_HEADERS,
  securityHeaders,
  type HostLimits,
} from './http-guards'
import { createRateLimiter, weightOf, type RateLimitConfig } from './rate-limit'
import { registerFileRoute } from './file-route'
import { OneLinePerRequest } from './request-log'
import { cacheControlFor } from './static-cache'
import type { LocalFileStore } from '../store/sqlite/local-files'
import { registerQrLinkRoutes } from './qr-link-routes'

export const BODY_LIMIT_BYTES = 64 * 1024
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/

export interface HttpAppOptions {
  store: Store
  now: () => Date
  production: boolean
  /** Sealing and hashing of ID numbers (booking refuses to run without it). */
  pii?: PersonalData
  settings?: AppSettings
  /** Who verifies identities (`IDENTITY_VERIFICATION`); none: every identity 自行填报. */
  verifier?: IdentityVerifier
  staticDir?: string
  logger?: FastifyServerOptions['logger']
  /** Token buckets per caller and per address for create-type actions; null or absent = none. */
  rateLimit?: RateLimitConfig | null
  /** Request and idle timeouts, the connection cap (DEFAULT_LIMITS when absent). */
  limits?: HostLimits
  /**
   * Addresses (or CIDR ranges) of reverse proxies whose `X-Forwarded-For` names the client; the rate
   * limits key on that address. Default none: the header is ignored and the peer's address counts.
   */
  trustedProxies?: string[]
  /** The store's files folder: photos are served from it at signed URLs (file-route.ts); absent, no photo is served. */
  files?: LocalFileStore
}

/** The envelope with its HTTP status. The security headers are already set: the onRequest hook sets them once per request. */
function send(reply: import('fastify').FastifyReply, envelope: Envelope<unknown>) {
  return reply.code(envelope.ok ? 200 : HTTP_STATUS[envelope.error.code]).send(envelope)
}

/** The same, with the headers of a JSON answer set here: for answers made outside the /api/ routes, or before any hook ran. */
function sendWithHeaders(reply: import('fastify').FastifyReply, envelope: Envelope<unknown>) {
  return send(reply.headers(SECURITY_HEADERS), envelope)
}

function fail(error: AppError): Envelope<never> {
  return { ok: false, error: error.toWire() }
}

/**
 * The local host of the cloud functions: `POST /api/<function>` with the call's
 * `data` as JSON body, answered with the envelope and the matching HTTP status;
 * and the H5 build as static files.
 */
export async function buildHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : null
  const limits = options.limits ?? DEFAULT_LIMITS
  const app = Fastify({
    // A body that trickles in (or headers that never end) is cut at the request timeout, checked every
    // second rather than Node's 30 s; a connection doing nothing is closed at the idle timeout.
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: Math.min(5_000, limits.idleTimeoutMs),
    http: { headersTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs) },
    clientErrorHandler: answerClientError,
    trustProxy: options.trustedProxies && options.trustedProxies.length > 0 ? options.trustedProxies : false,
    // fastify's own refusals (a URL it cannot decode, a parameter too long) answer the envelope too; no hook has run.
    frameworkErrors: (_err, _req, reply) => sendWithHeaders(reply, fail(new AppError('INVALID_INPUT', '网址格式不正确'))),
    logger: options.logger ?? false,
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    // Never let a body carry __proto__ / constructor.prototype into our objects.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  })

  app.server.maxConnections = limits.maxConnections
  const indexFile = options.staticDir ? path.join(options.staticDir, 'index.html') : null
  const pageHeaders = securityHeaders(
    contentSecurityPolicy(inlineScriptHashes(indexFile && fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : null)),
  )
  // Once per request, here only (the answers of /api/ used to set them a second time, every call paying twice): a
  // function's answer gets the strict policy (no inline script at all), everything else the page's.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(req.url.startsWith('/api/') ? SECURITY_HEADERS : pageHeaders)
    done()
  })

  // Parser and limit failures (malformed JSON, too large, wrong content type) answer the envelope too.
  app.setErrorHandler((err: { statusCode?: number; code?: string }, req, reply) => {
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendWithHeaders(reply, fail(new AppError('PAYLOAD_TOO_LARGE')))
    if (err.statusCode === 415) return sendWithHeaders(reply, fail(new AppError('INVALID_INPUT', '请以 JSON 格式提交')))
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return sendWithHeaders(reply, fail(new AppError('INVALID_INPUT', '请求格式不正确')))
    req.log.error({ err }, 'unhandled error')
    return sendWithHeaders(reply, fail(new AppError('INTERNAL')))
  })

  app.post<{ Params: { fn: string } }>('/api/:fn', async (req, reply) => {
    const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, req.params.fn)
      ? FUNCTIONS[req.params.fn as keyof typeof FUNCTIONS]
      : undefined
    if (!fn) return send(reply, fail(new AppError('NOT_FOUND', '没有这个功能')))
    const header = req.headers['x-openid']
    let openid: string | null = null
    if (header !== undefined) {
      // In production the platform says who is calling; a client-sent identity is refused outright.
      if (options.production) return send(reply, fail(new AppError('UNAUTHENTICATED', '不接受客户端提供的身份')))
      if (typeof header !== 'string' || !OPENID_RE.test(header))
        return send(reply, fail(new AppError('UNAUTHENTICATED', '身份标识格式不正确')))
      openid = header
    }
    if (limiter) {
      const action = (req.body as { action?: unknown } | null)?.action
      // A body without an action is refused by dispatch; it still costs a read.
      const weight = typeof action === 'string' ? weightOf(req.params.fn, action) : 'read'
      const taken = limiter.take(weight, openid, req.ip)
      if (!taken.ok) {
        reply.header('retry-after', String(taken.retryAfter))
        return send(reply, fail(new AppError('RATE_LIMITED', `操作太频繁，请 ${taken.retryAfter} 秒后再试`)))
      }
    }
    const envelope = await dispatch(
      fn,
      req.body ?? {},
      {
        openid,
        store: options.store,
        now: options.now,
        requestId: req.id,
        pii: options.pii,
        settings: options.settings ?? DEFAULT_SETTINGS,
        verifier: options.verifier,
      },
      req.log,
    )
    return send(reply, envelope)
  })

  app.get('/healthz', async () => ({ ok: true }))
  if (options.files) registerFileRoute(app, options.files)

  if (!options.production) {
    // The H5 "选择身份" page lists these; they exist only in dev mode.
    app.get('/api/_dev/personas', async () => ({ ok: true, data: PERSONAS }))
  }

  const staticDir = options.staticDir
  if (staticDir && fs.existsSync(staticDir)) {
    registerQrLinkRoutes(app)
    await app.register(fastifyStatic, {
      root: staticDir,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (res, filePath) => res.setHeader('cache-control', cacheControlFor(filePath)),
    })
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('H5 应用尚未构建：请先运行 npm run build:h5（npm start 会自动构建）。'),
    )
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return sendWithHeaders(reply, fail(new AppError('NOT_FOUND', '没有这个功能')))
    return sendWithHeaders(reply, fail(new AppError('NOT_FOUND', '没有找到这个页面')))
  })
  return app
}
