import { booking } from './booking'
import { center } from './center'
import { queue } from './queue'
import { homecert } from './homecert'

/** Every cloud function by name: what the local server routes `POST /api/<name>` to. */
export const FUNCTIONS = {
  center,
  booking,
  queue,
  homecert,
} as const

export type DeployedFunctionName = keyof typeof FUNCTIONS
