import path from 'node:path'
import { linkBaseOf } from '@/core/qr-links'
import { parseRetentionDays } from '@/core/retention'
import { parseIdentityVerification, type IdentityVerification } from '@cloud/runtime/identity-verifier'

/** The local server's settings, all from the environment (see README, "Configuration"). */
export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  /** `NODE_ENV=production`: refuse the dev identity header and the clock override. */
  production: boolean
  /** Dev mode only: the instant the server's clock starts at (it then runs on). */
  appNow: Date | null
  /** The built H5 app the server hands out. */
  staticDir: string
  logLevel: string
  /** WeChat subscribe-message template of the day-before booking reminder (`SUBSCRIBE_TEMPLATE_REMINDER`). */
  reminderTemplateId: string | null
  /** How often the booking jobs (no-shows, reminders) run; 0 turns them off (`JOBS_INTERVAL_MS`, default one minute). */
  jobsIntervalMs: number
  /** Days personal data of finished business is kept before the daily purge (`RETENTION_DAYS`, default 180, 30–3650). */
  retentionDays: number
  /** `IDENTITY_VERIFICATION`: `dev` (the demo personas' verifier, dev mode's default) or `off` (production's only value here). */
  identityVerification: IdentityVerification
  /** `QR_LINK_BASE`: the public address of this server, which makes the hall's and the invites' QR codes links (src/core/qr-links.ts). */
  qrLinkBase: string | null
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production'
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`)
  let appNow: Date | null = null
  if (env.APP_NOW) {
    if (production) throw new Error('APP_NOW is a dev-mode setting; unset it when NODE_ENV=production')
    appNow = new Date(env.APP_NOW)
    if (Number.isNaN(appNow.getTime()))
      throw new Error(`APP_NOW must be an ISO instant such as 2026-10-10T10:00:00+08:00, got ${env.APP_NOW}`)
  }
  const jobsIntervalMs = Number(env.JOBS_INTERVAL_MS ?? 60_000)
  if (!Number.isInteger(jobsIntervalMs) || jobsIntervalMs < 0)
    throw new Error(`JOBS_INTERVAL_MS must be a whole number of milliseconds (0 = off), got ${env.JOBS_INTERVAL_MS}`)
  const root = path.resolve(__dirname, '../..')
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, 'data')),
    production,
    appNow,
    staticDir: path.resolve(env.STATIC_DIR ?? path.join(root, 'dist/h5')),
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
    reminderTemplateId: env.SUBSCRIBE_TEMPLATE_REMINDER || null,
    jobsIntervalMs,
    retentionDays: parseRetentionDays(env.RETENTION_DAYS),
    // WeChat face verification needs WeChat's cloud: a production local server records identities as 自行填报.
    identityVerification: parseIdentityVerification(
      env.IDENTITY_VERIFICATION,
      production ? 'off' : 'dev',
      production ? ['off'] : ['off', 'dev'],
    ),
    qrLinkBase: linkBaseOf(env.QR_LINK_BASE),
  }
}

/** A clock that starts at `start` and then runs at real speed, so demos at a fixed date still see time pass. */
export function clockFrom(start: Date | null): () => Date {
  if (!start) return () => new Date()
  const offset = start.getTime() - Date.now()
  return () => new Date(Date.now() + offset)
}
