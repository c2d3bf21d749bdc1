import { booking } from './booking'
import { center } from './center'

/** Every cloud function by name: what the local server routes `POST /api/<name>` to. */
export const FUNCTIONS = {
  center,
  booking,
} as const

export type DeployedFunctionName = keyof typeof FUNCTIONS
