import { booking } from './booking'
import { center } from './center'
import { delegation } from './delegation'
import { homecert } from './homecert'
import { queue } from './queue'
import { staff } from './staff'
import { config } from './config'
import { stats } from './stats'
import { calendar } from './calendar'
import { people } from './people'
import { rating } from './rating'

/** Every cloud function by name: what the local server routes `POST /api/<name>` to. */
export const FUNCTIONS = {
  center,
  booking,
  delegation,
  homecert,
  queue,
  staff,
  config,
  stats,
  calendar,
  people,
  rating,
} as const

export type DeployedFunctionName = keyof typeof FUNCTIONS
