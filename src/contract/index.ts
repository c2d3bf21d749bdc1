/**
 * The wire contract, typed once: each function's action inputs (zod schemas,
 * used by the backend to validate) and outputs (types). The mini-program imports
 * only types from here (`import type`), so the validators never reach its bundle.
 */
import type * as z from 'zod/mini'
import { bookingInputs, type BookingOutputs } from './booking'
import { centerInputs, type CenterOutputs } from './center'
import { homecertInputs, type HomecertOutputs } from './homecert'
import { delegationInputs, type DelegationOutputs } from './delegation'
import { queueInputs, type QueueOutputs } from './queue'
import { staffInputs, type StaffOutputs } from './staff'
import { configInputs, type ConfigOutputs } from './config'
import { statsInputs, type StatsOutputs } from './stats'
import { calendarInputs, type CalendarOutputs } from './calendar'
import { peopleInputs, type PeopleOutputs } from './people'
import { ratingInputs, type RatingOutputs } from './rating'

export const inputs = {
  center: centerInputs,
  booking: bookingInputs,
  homecert: homecertInputs,
  queue: queueInputs,
  delegation: delegationInputs,
  staff: staffInputs,
  config: configInputs,
  stats: statsInputs,
  calendar: calendarInputs,
  people: peopleInputs,
  rating: ratingInputs,
}

/** Each function's input schemas, by function name. */
export type Inputs = typeof inputs

export interface Outputs {
  center: CenterOutputs
  booking: BookingOutputs
  homecert: HomecertOutputs
  queue: QueueOutputs
  delegation: DelegationOutputs
  staff: StaffOutputs
  config: ConfigOutputs
  stats: StatsOutputs
  calendar: CalendarOutputs
  people: PeopleOutputs
  rating: RatingOutputs
}

export type FunctionName = keyof typeof inputs & keyof Outputs
export type ActionName<F extends FunctionName> = keyof (typeof inputs)[F] & keyof Outputs[F] & string
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = (typeof inputs)[F][A] extends z.ZodMiniType ? (typeof inputs)[F][A] : never
/** What the client sends for an action (before defaults and trimming). */
export type Input<F extends FunctionName, A extends ActionName<F>> = z.input<SchemaOf<F, A>>
/** What the action receives after validation. */
export type ParsedInput<F extends FunctionName, A extends ActionName<F>> = z.output<SchemaOf<F, A>>
export type Output<F extends FunctionName, A extends ActionName<F>> = Outputs[F][A]

export * from './envelope'
export type * from './center'
export type * from './booking'
export type * from './homecert'
export type * from './delegation'
export type * from './queue'
export type * from './staff'
export type * from './config'
export type * from './stats'
export type * from './calendar'
export type * from './people'
export type * from './rating'
