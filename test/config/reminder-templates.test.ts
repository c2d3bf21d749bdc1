/**
 * A production weapp build cannot leave the reminder template ids out by accident
 * (config/reminder-templates.ts, checked by config/index.ts before Taro builds anything).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { reminderTemplateConstants, reminderTemplatesProblem } from '../../config/reminder-templates'

const root = path.resolve(__dirname, '../..')

describe('reminderTemplatesProblem', () => {
  describe('when a weapp is built for a cloud environment', () => {
    it('refuses without the template id, naming the variable and the way out', () => {
      const problem = reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: 'prod-7g2x9' })
      expect(problem).toContain('WX_TMPL_BOOKING_REMINDER')
      expect(problem).toContain('prod-7g2x9')
      expect(problem).toContain('ALLOW_NO_REMINDERS=1')
    })

    it('refuses a template id of blanks', () => {
      expect(reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: 'prod', WX_TMPL_BOOKING_REMINDER: '  ' })).toContain(
        'WX_TMPL_BOOKING_REMINDER',
      )
    })

    it('lets it go ahead with both template ids, and names the one missing', () => {
      expect(
        reminderTemplatesProblem({
          TARO_ENV: 'weapp',
          CLOUD_ENV: 'prod',
          WX_TMPL_BOOKING_REMINDER: 'tmpl-1',
          WX_TMPL_QUEUE_SOON: 'tmpl-2',
        }),
      ).toBeNull()
      const problem = reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: 'prod', WX_TMPL_BOOKING_REMINDER: 'tmpl-1' })
      expect(problem).toContain('WX_TMPL_QUEUE_SOON')
      expect(problem).not.toContain('WX_TMPL_BOOKING_REMINDER,')
    })

    it('lets it go ahead without reminders only when ALLOW_NO_REMINDERS is exactly 1', () => {
      expect(reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: 'prod', ALLOW_NO_REMINDERS: '1' })).toBeNull()
      expect(reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: 'prod', ALLOW_NO_REMINDERS: 'yes' })).not.toBeNull()
    })
  })

  describe('when the build has no reminders to ask for', () => {
    it('lets a local weapp build (no CLOUD_ENV) and the H5 build go ahead', () => {
      expect(reminderTemplatesProblem({ TARO_ENV: 'weapp' })).toBeNull()
      expect(reminderTemplatesProblem({ TARO_ENV: 'weapp', CLOUD_ENV: ' ' })).toBeNull()
      expect(reminderTemplatesProblem({ TARO_ENV: 'h5', CLOUD_ENV: 'prod' })).toBeNull()
    })
  })
})

describe('reminderTemplateConstants', () => {
  it('defines the constant the booking form reads, as a string literal', () => {
    expect(reminderTemplateConstants({ WX_TMPL_BOOKING_REMINDER: ' tmpl-1 ', WX_TMPL_QUEUE_SOON: 'tmpl-2' })).toEqual({
      BOOKING_REMINDER_TEMPLATE: '"tmpl-1"',
      QUEUE_SOON_TEMPLATE: '"tmpl-2"',
    })
    expect(reminderTemplateConstants({})).toEqual({ BOOKING_REMINDER_TEMPLATE: '""', QUEUE_SOON_TEMPLATE: '""' })
  })
})

describe('taro build --type weapp for a cloud environment without the template id', () => {
  it('stops before building, exits non-zero and names the variable', () => {
    const {
      WX_TMPL_BOOKING_REMINDER: _t,
      WX_TMPL_QUEUE_SOON: _q,
      ALLOW_NO_REMINDERS: _a,
      ...inherited
    } = process.env as Record<string, string | undefined>
    const env: NodeJS.ProcessEnv = { ...inherited, CLOUD_ENV: 'prod-7g2x9', NODE_ENV: 'production' }
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('WX_TMPL_BOOKING_REMINDER=<template id>')
  })
})
