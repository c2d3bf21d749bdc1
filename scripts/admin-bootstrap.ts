/**
 * `npm run admin:bootstrap -- --center <centerId> --name <姓名>`: a one-time invite for a center's
 * first admin on the local server's database (`DATA_DIR`), printed once (48 hours, one use; entered
 * under 我的 → 工作人员绑定). `--district <OPENID> --name <姓名>` makes a 区级管理员 instead.
 * On CloudBase the `jobs` function does the same (`{"bootstrapAdmin": {"centerId", "name"}}` from
 * the console's 云端测试; docs/deploy-cloudbase.md). See cloud/functions/staff/bootstrap.ts.
 */
import { bootstrapAdmin, bootstrapDistrict } from '../cloud/functions/staff/bootstrap'
import { loadConfig } from '../cloud/server/config'
import { openLocalStore } from '../cloud/server/local-store'

const USAGE = '用法：npm run admin:bootstrap -- --center <中心编号> --name <姓名>，或 -- --district <OPENID> --name <姓名>'

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const opt: Record<string, string> = {}
  for (let i = 0; i < args.length; i += 2) {
    if (!['--center', '--district', '--name'].includes(args[i]) || args[i + 1] === undefined) {
      console.error(USAGE)
      return 2
    }
    opt[args[i].slice(2)] = args[i + 1]
  }
  if (!opt.name || !!opt.center === !!opt.district) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig(env)
  const { pii, store } = openLocalStore(config, env)
  try {
    const deps = { store, pii, now: () => new Date() }
    if (opt.district) {
      const done = await bootstrapDistrict(deps, { openid: opt.district, name: opt.name })
      if (!done.ok) return (console.error(done.message), 1)
      console.log(`${opt.name}（${opt.district}）已是区级管理员。`)
      return 0
    }
    const result = await bootstrapAdmin(deps, { centerId: opt.center, name: opt.name })
    if (!result.ok) return (console.error(result.message), 1)
    console.log(`首位管理员邀请码（只显示这一次，48 小时内、一次有效）：${result.code}`)
    console.log(`请 ${opt.name} 在小程序 我的 → 工作人员绑定 中输入。有效期至 ${result.expiresAt}。`)
    return 0
  } finally {
    store.close()
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    },
  )
}
