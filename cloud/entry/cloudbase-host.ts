/**
 * What every cloud function container sets up once, on its cold start: the
 * personal-data keys from the function's environment variables (refusing to
 * start without them — there is no default key in production), the SDK bound
 * to the environment the function runs in, the CloudBase store, and the
 * subscribe-message sender. Identity is never part of it: each call reads
 * OPENID from `cloud.getWXContext()`.
 */
import { linkBaseOf } from '@/core/qr-links'
import { parseRetentionDays } from '@/core/retention'
import type { IdentityVerifier } from '../runtime/identity-verifier'
import { createPersonalData, type PersonalData } from '../runtime/personal-data'
import type { AppSettings } from '../runtime/context'
import type { Logger } from '../runtime/dispatch'
import { createCloudbaseStore } from '../store/cloudbase/cloudbase-store'
import { cloudbaseFileStore } from '../store/cloudbase/cloud-files'
import { checkCloudbaseKeys } from '../store/cloudbase/key-check'
import type { Store } from '../store/port'
import { subscribeSender, subscribeSettingsFrom, withSubscribeMessages } from './subscribe-message'
import { databaseOf, loadWxServerSdk, type WxServerSdk } from './wx-server-sdk'

export interface CloudbaseHost {
  sdk: WxServerSdk
  store: Store
  pii: PersonalData
  /** The database's key fingerprint checked against the keys (rejects with KeyMismatchError): every call awaits it first. */
  keysChecked: Promise<void>
  settings: AppSettings
  /** WeChat face verification when `IDENTITY_VERIFICATION=wechat`; none (every identity 自行填报) by default. */
  verifier?: IdentityVerifier
  log: Logger & { warn(obj: object, msg?: string): void }
}

/** 32 random bytes in base64 (`openssl rand -base64 32`), the same format the local server takes. */
function key(env: NodeJS.ProcessEnv, name: 'PII_ENC_KEY' | 'PII_HASH_KEY'): Buffer {
  const value = env[name]
  if (!value) {
    throw new Error(
      `云函数缺少环境变量 ${name}，拒绝启动（不会使用默认密钥）。请在云开发控制台为每个云函数设置 PII_ENC_KEY 与 PII_HASH_KEY（各为 32 字节随机数的 base64，openssl rand -base64 32），见 docs/deploy-cloudbase.md。`,
    )
  }
  const bytes = Buffer.from(value, 'base64')
  if (bytes.length !== 32) throw new Error(`${name} must be 32 random bytes in base64 (openssl rand -base64 32), got ${bytes.length} bytes`)
  return bytes
}

/** One JSON line per entry: CloudBase's log view keeps console output per request. Never personal data. */
const log: CloudbaseHost['log'] = {
  error: (obj, msg) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
  warn: (obj, msg) => console.warn(JSON.stringify({ level: 'warn', msg, ...obj })),
}

/**
 * With `IDENTITY_VERIFICATION=wechat`, what every function but `people` holds: verification is on (a verified identity
 * is trusted, staff see 已实名核验), but only `people` verifies — its entry passes the WeChat face verifier, so the
 * other bundles do not carry it (the 150 KB limit).
 */
const VERIFIED_BY_PEOPLE: IdentityVerifier = { method: 'face', canVerify: () => false, verify: async () => 'unavailable' }

/** Builds the host from the environment; throws (the function then fails to start) when the keys or settings are wrong. */
export function createCloudbaseHost(
  env: NodeJS.ProcessEnv = process.env,
  sdk: WxServerSdk = loadWxServerSdk(),
  faceVerifierOf?: (sdk: WxServerSdk, env: NodeJS.ProcessEnv) => IdentityVerifier | undefined,
): CloudbaseHost {
  const pii = createPersonalData({ encKey: key(env, 'PII_ENC_KEY'), hashKey: key(env, 'PII_HASH_KEY') })
  const subscribe = subscribeSettingsFrom(env)
  const settings: AppSettings = {
    reminderTemplateId: env.SUBSCRIBE_TEMPLATE_REMINDER || null,
    queueTemplateId: env.SUBSCRIBE_TEMPLATE_QUEUE || null,
    retentionDays: parseRetentionDays(env.RETENTION_DAYS),
    qrLinkBase: linkBaseOf(env.QR_LINK_BASE),
  }
  // DYNAMIC_CURRENT_ENV: the environment the function is deployed in, so one bundle serves test and production envs.
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as string })
  const db = databaseOf(sdk)
  const base = createCloudbaseStore(db, pii, cloudbaseFileStore(sdk))
  const keysChecked = checkCloudbaseKeys(db, pii)
  // Awaited by every call; a rejection seen by none of them yet must not end the container as unhandled.
  keysChecked.catch(() => {})
  const warn = (entry: object) => log.warn(entry, 'subscribe message not sent')
  const send = subscribeSender({
    api: sdk.openapi.subscribeMessage,
    db,
    store: base,
    settings: subscribe,
    now: () => new Date(),
    log: warn,
  })
  // The people function reads the switch strictly (a value it cannot run stops its start); the others only whether it is on.
  const verifier = faceVerifierOf
    ? faceVerifierOf(sdk, env)
    : env.IDENTITY_VERIFICATION?.trim() === 'wechat'
      ? VERIFIED_BY_PEOPLE
      : undefined
  return { sdk, store: withSubscribeMessages(base, send, warn), pii, keysChecked, settings, verifier, log }
}

let host: CloudbaseHost | null = null

/** The container's host, built on first use and kept for the container's life (warm calls reuse it). */
export function cloudbaseHost(faceVerifierOf?: (sdk: WxServerSdk, env: NodeJS.ProcessEnv) => IdentityVerifier | undefined): CloudbaseHost {
  return (host ??= createCloudbaseHost(process.env, loadWxServerSdk(), faceVerifierOf))
}
