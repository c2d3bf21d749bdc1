import path from 'node:path'
import { createSqliteStore } from '../store/sqlite/sqlite-store'
import { clockFrom, loadConfig } from './config'
import { buildHttpApp } from './http-app'

/** `npm start` / `npm run serve`: the local server on an embedded SQLite file. */
async function main() {
  const config = loadConfig()
  const store = createSqliteStore(path.join(config.dataDir, 'bianmin.sqlite'))
  const app = await buildHttpApp({
    store,
    now: clockFrom(config.appNow),
    production: config.production,
    staticDir: config.staticDir,
    logger: { level: config.logLevel },
  })
  const close = async () => {
    await app.close()
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
