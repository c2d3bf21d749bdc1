/**
 * What each deployed cloud function is: its name, the timeout and memory it
 * gets, the cloud calls it may make and (for the jobs function) its timer
 * trigger. `npm run build:cloud` writes these into every function folder's
 * package.json and config.json and into cloudfunctions/cloudbaserc.json.
 */
import { FUNCTIONS, type DeployedFunctionName } from '../functions'
import { FACE_INFO_OPENAPI } from './face-verifier'

export type CloudFunctionSpec =
  | { kind: 'actions'; name: DeployedFunctionName; timeoutSeconds: number; memoryMb: number }
  | { kind: 'jobs'; name: 'jobs'; timeoutSeconds: number; memoryMb: number; trigger: { name: string; cron: string } }

/** The only runtime dependency of a bundle (pinned: the cloud installs it on upload). */
export const WX_SERVER_SDK_VERSION = '4.0.2'

/** CloudBase's recommended Node runtime; the bundles target Node 16 so the older runtime works too. */
export const RUNTIME = 'Nodejs18.15'

/**
 * The timer of the jobs function: every 5 minutes at second 0 (CloudBase cron has
 * seven fields: second minute hour day month weekday year). WeChat allows one
 * trigger per function, so one tick runs every job that is due (see cloudbase-jobs.ts).
 * The cron is read in the environment's clock, but no job depends on it: each
 * job decides in Beijing time whether it has work (reminders from 09:00 …).
 */
export const JOBS_TRIGGER = { name: 'every5min', cron: '0 */5 * * * * *' }

/** Calls through `cloud.openapi` a function may make (config.json `permissions.openapi`). */
const OPENAPI = ['subscribeMessage.send', FACE_INFO_OPENAPI]

export const CLOUD_FUNCTIONS: CloudFunctionSpec[] = [
  // A call answers a person waiting on a phone: 10 s is generous (the default 3 s is not, on a cold start).
  ...(Object.keys(FUNCTIONS) as DeployedFunctionName[]).map(
    (name): CloudFunctionSpec => ({
      kind: 'actions',
      name,
      // The statistics CSV export reads a year of daily aggregates.
      timeoutSeconds: name === 'stats' ? 30 : 10,
      memoryMb: 256,
    }),
  ),
  { kind: 'jobs', name: 'jobs', timeoutSeconds: 60, memoryMb: 256, trigger: JOBS_TRIGGER },
]

/** config.json as WeChat DevTools reads it on upload: cloud-call permissions and at most one timer trigger. */
export function functionConfig(spec: CloudFunctionSpec): object {
  return {
    permissions: { openapi: OPENAPI },
    ...(spec.kind === 'jobs' ? { triggers: [{ name: spec.trigger.name, type: 'timer', config: spec.trigger.cron }] } : {}),
  }
}

export function functionPackage(spec: CloudFunctionSpec): object {
  return {
    name: spec.name,
    version: '1.0.0',
    private: true,
    description:
      spec.kind === 'jobs'
        ? '便民服务中心：定时任务（失约、提醒、认证到期、统计）'
        : `便民服务中心：${spec.name} 云函数（由 npm run build:cloud 生成，勿手改）`,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION },
  }
}

/**
 * cloudbaserc.json for the CloudBase CLI (`tcb fn deploy --all` in cloudfunctions/).
 * No `envVariables`: the CLI would overwrite the console's values with whatever
 * is here, and the personal-data keys must never be in a file.
 */
export function cloudbaseRc(): object {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: '.',
    functions: CLOUD_FUNCTIONS.map((spec) => ({
      name: spec.name,
      timeout: spec.timeoutSeconds,
      memorySize: spec.memoryMb,
      runtime: RUNTIME,
      installDependency: true,
      handler: 'index.main',
      ...(spec.kind === 'jobs' ? { triggers: [{ name: spec.trigger.name, type: 'timer', config: spec.trigger.cron }] } : {}),
    })),
  }
}
