/**
 * The subscribe-message template ids the weapp asks residents to allow. They are baked in at build
 * time: a production build without them never asks, so no reminder can ever be delivered, and nothing
 * at run time would say so. A production weapp build (CLOUD_ENV set) therefore refuses to start
 * without them, unless the deployer says on purpose that the center sends no reminders.
 */

/** Build-time variable → the constant the weapp code reads. */
export const REMINDER_TEMPLATE_VARIABLES = {
  WX_TMPL_BOOKING_REMINDER: 'BOOKING_REMINDER_TEMPLATE',
  /** 即将到号: asked in the check-in tap. */
  WX_TMPL_QUEUE_SOON: 'QUEUE_SOON_TEMPLATE',
} as const

/** Set to `1` to build for a cloud environment without reminders, knowingly. */
export const ALLOW_NO_REMINDERS = 'ALLOW_NO_REMINDERS'

type BuildEnv = Partial<Record<string, string | undefined>>

/**
 * Why this build must not go ahead (a message naming the missing variables), or null when it may.
 * Only a weapp build for a cloud environment is checked: H5 and the local weapp build have no reminders.
 * @example
 * reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: 'prod-1' }) // 'The weapp build for cloud environment prod-1 … WX_TMPL_BOOKING_REMINDER …'
 * reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: 'prod-1', WX_TMPL_BOOKING_REMINDER: 'abc', WX_TMPL_QUEUE_SOON: 'def' }) // null
 */
export function reminderTemplatesProblem(env: BuildEnv): string | null {
  if (env.TARO_ENV !== 'weapp' || !env.CLOUD_ENV?.trim()) return null
  if (env[ALLOW_NO_REMINDERS] === '1') return null
  const missing = Object.keys(REMINDER_TEMPLATE_VARIABLES).filter((name) => !env[name]?.trim())
  if (missing.length === 0) return null
  return (
    `The weapp build for cloud environment ${env.CLOUD_ENV} has no subscribe-message template id in ${missing.join(', ')}: ` +
    `residents would never be asked to allow reminders, so none could be sent. ` +
    `Set ${missing.map((name) => `${name}=<template id>`).join(' ')} (mp.weixin.qq.com → 订阅消息, docs/deploy-cloudbase.md), ` +
    `or ${ALLOW_NO_REMINDERS}=1 to build without reminders on purpose.`
  )
}

/** The build's define constants of the template ids (empty string when not set). */
export function reminderTemplateConstants(env: BuildEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(REMINDER_TEMPLATE_VARIABLES).map(([variable, constant]) => [constant, JSON.stringify(env[variable]?.trim() ?? '')]),
  )
}
