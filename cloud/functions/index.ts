import { booking } from './booking'
import { center } from './center'
import { queue } from './queue'

/** Every cloud function by name: what the local server routes `POST /api/<name>` to. */
export const FUNCTIONS = {
  center,
  booking,
  queue,
} as const

export type DeployedFunctionName = keyof typeof FUNCTIONS
