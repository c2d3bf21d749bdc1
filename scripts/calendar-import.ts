/**
 * `npm run calendar:import FILE`: stores a year's arrangement (放假调休) from a JSON file into the
 * local database (`DATA_DIR`, default ./data), as the next version of that year. The file's shape,
 * an example and the CloudBase way: docs/calendar-arrangement.md. Bad input is listed line by line
 * and nothing is stored. Residents booked on a day it closes get a 消息 with 改约.
 */
import fs from 'node:fs'
import { DEFAULT_SETTINGS } from '../cloud/runtime/context'
import { importArrangement } from '../cloud/functions/calendar/import'
import { loadConfig } from '../cloud/server/config'
import { openLocalStore } from '../cloud/server/local-store'

async function main(): Promise<number> {
  const file = process.argv[2]
  if (!file) {
    console.error('用法：npm run calendar:import <文件.json>（格式见 docs/calendar-arrangement.md）')
    return 2
  }
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    console.error(`读不了 ${file}：${err instanceof Error ? err.message : err}`)
    return 2
  }
  const config = loadConfig()
  const { store } = openLocalStore(config)
  try {
    const result = await importArrangement(
      { store, now: () => new Date(), settings: { ...DEFAULT_SETTINGS, reminderTemplateId: config.reminderTemplateId } },
      raw,
    )
    if (!result.ok) {
      console.error('没有导入，文件中有以下问题：')
      for (const [field, message] of Object.entries(result.fields)) console.error(`  ${field}：${message}`)
      return 1
    }
    console.log(
      `${result.year} 年放假安排已导入（第 ${result.version} 版${result.replaced ? `，替换第 ${result.replaced} 版` : ''}）：${result.text}`,
    )
    if (result.affected.length) {
      console.log(`有 ${result.affected.length} 个预约落在新的休息日，已给办事人发消息请其改约：`)
      for (const a of result.affected)
        console.log(`  ${a.centerName} ${a.serviceName} ${a.date} ${a.weekday} ${a.start}–${a.end}（${a.reason}）`)
    }
    return 0
  } finally {
    store.close()
  }
}

main().then((code) => process.exit(code))
