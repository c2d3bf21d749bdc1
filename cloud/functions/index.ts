import { booking } from './booking'
import { center } from './center'
import { delegation } from './delegation'
import { queue } from './queue'
import { homecert } from './homecert'

/** Every cloud function by name: what the local server routes `POST /api/<name>` to. */
export const FUNCTIONS = {
  center,
  booking,
  delegation,
  queue,
  homecert,
} as const

export type DeployedFunctionName = keyof typeof FUNCTIONS
