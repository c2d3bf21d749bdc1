import NodeEnvironment from 'jest-environment-node'
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment'

/**
 * jest's node environment with the host clock in another time zone: the `node TZ=…` projects of
 * jest.config.js run the files marked `@timezone` through it (`testEnvironmentOptions.timezone`).
 *
 * Node re-reads the zone when `process.env.TZ` is assigned (for every context of the process, jest's
 * sandbox included), and a jest worker runs one test file at a time, so setting it for the file's
 * lifetime is exact. It is set before jest copies `process.env` into the sandbox, so the server
 * processes a test spawns with `...process.env` run in the same zone.
 */
export default class TimezoneEnvironment extends NodeEnvironment {
  private readonly hostTz: string | undefined

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    const hostTz = process.env.TZ
    const timezone = config.projectConfig.testEnvironmentOptions.timezone
    if (typeof timezone !== 'string') throw new Error('timezone-environment needs testEnvironmentOptions.timezone')
    process.env.TZ = timezone
    super(config, context)
    this.hostTz = hostTz
  }

  async teardown(): Promise<void> {
    await super.teardown()
    if (this.hostTz === undefined) delete process.env.TZ
    else process.env.TZ = this.hostTz
  }
}
