import { runBookingJobs } from '../functions/jobs'
import { runHomecertJobs } from '../functions/jobs/homecert'
import { runRetentionJobs } from '../functions/jobs/retention'
import { runStatsJobs } from '../functions/jobs/stats'
import { devVerifier } from '../functions/people/verifier'
import { startBackgroundCheckpoint } from '../store/sqlite/background-checkpoint'
import { clockFrom, loadConfig } from './config'
import { buildHttpApp } from './http-app'
import { startJobTimer, type JobTimer } from './job-timer'
import { openLocalStore } from './local-store'
import { loadHostLimits, loadTrustedProxies } from './http-guards'
import { loadRateLimit } from './rate-limit'
import { requestForLog } from './file-route'

/**
 * Never in a log line, whatever a future serializer adds: request bodies (ID numbers, phones, names) and
 * identity or credential headers. Fastify's default request serializer logs method, url, host and address only.
 */
const LOG_REDACT = [
  'req.body',
  'body',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-openid"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-openid"]',
  'input',
  'data',
]

/** `npm start` / `npm run serve`: the local server on an embedded SQLite file. */
async function main() {
  const config = loadConfig()
  // Missing keys (production), a lost dev key file or keys that are not the database's stop the start here.
  const { pii, store } = openLocalStore(config)
  const checkpoint = startBackgroundCheckpoint(store.db, { onError: (message) => console.error(`WAL checkpoint failed: ${message}`) })
  const now = clockFrom(config.appNow)
  const settings = {
    reminderTemplateId: config.reminderTemplateId,
    retentionDays: config.retentionDays,
    demoIdentities: !config.production,
    qrLinkBase: config.qrLinkBase,
  }
  const app = await buildHttpApp({
    store,
    now,
    production: config.production,
    pii,
    settings,
    verifier: config.identityVerification === 'dev' ? devVerifier : undefined,
    staticDir: config.staticDir,
    logger: { level: config.logLevel, redact: { paths: LOG_REDACT, censor: '[redacted]' }, serializers: { req: requestForLog } },
    rateLimit: loadRateLimit(process.env),
    limits: loadHostLimits(process.env),
    trustedProxies: loadTrustedProxies(process.env),
    files: store.files,
  })
  let jobs: JobTimer | null = null
  if (config.jobsIntervalMs > 0) {
    jobs = startJobTimer(
      () =>
        Promise.all([
          runBookingJobs({ store, now, settings }).then(({ seatsReturned }) => {
            // On SQLite a counter holds a seat nothing holds only by a bug (cloud/store/sqlite/seat-reconcile.ts): say so.
            if (seatsReturned > 0) app.log.warn({ seatsReturned }, 'slot counters held seats no booking held: given back')
          }),
          runHomecertJobs({ store, now, settings }),
          runStatsJobs({ store, now, settings }),
          runRetentionJobs({ store, now, settings }),
        ]),
      config.jobsIntervalMs,
      (err) => app.log.error({ err: err instanceof Error ? { name: err.name, stack: err.stack } : String(err) }, 'scheduled jobs failed'),
    )
  }
  const close = async () => {
    await jobs?.stop()
    await app.close()
    await checkpoint.stop()
    store.close()
    process.exit(0)
  }
  process.on('SIGINT', close)
  process.on('SIGTERM', close)
  const address = await app.listen({ port: config.port, host: config.host })
  const clock = config.appNow ? `，时钟从 ${config.appNow.toISOString()} 起` : ''
  console.log(`便民服务中心已启动：${address}（数据目录 ${config.dataDir}${config.production ? '，生产模式' : '，开发模式'}${clock}）`)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
