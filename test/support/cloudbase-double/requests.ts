/**
 * Counts the requests a database sends, by kind, in total and per labelled call. A call is
 * whatever runs inside `during(label, run)` (one action through dispatch, one job): requests
 * are attributed to it through AsyncLocalStorage, so concurrent calls keep separate counts.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface RequestCounts {
  /** getDocument and calculateDocument (count). */
  reads: number
  /** modifyDocument, insertDocument, removeDocument, inside transactions or not. */
  writes: number
  starts: number
  commits: number
  aborts: number
  /** Transaction conflicts the server answered (at a commit, or on a read or write inside): each one a retry. */
  conflicts: number
}

export interface CountedCall {
  label: string
  counts: RequestCounts
}

const KIND: Record<string, keyof RequestCounts> = {
  'database.getDocument': 'reads',
  'database.calculateDocument': 'reads',
  'database.modifyDocument': 'writes',
  'database.insertDocument': 'writes',
  'database.removeDocument': 'writes',
  'database.startTransaction': 'starts',
  'database.commitTransaction': 'commits',
  'database.abortTransaction': 'aborts',
}

const zero = (): RequestCounts => ({ reads: 0, writes: 0, starts: 0, commits: 0, aborts: 0, conflicts: 0 })

export class RequestCounter {
  private all = zero()
  private calls: CountedCall[] = []
  private readonly current = new AsyncLocalStorage<CountedCall>()

  /** Records one request (the fake server calls this for every request it answers). */
  record(action: string): void {
    const kind = KIND[action]
    if (!kind) throw new Error(`the fake server does not know the action ${action}`)
    this.all[kind]++
    const call = this.current.getStore()
    if (call) call.counts[kind]++
  }

  /** Records a transaction conflict the server answered (not a request of its own: the request was counted). */
  recordConflict(): void {
    this.all.conflicts++
    const call = this.current.getStore()
    if (call) call.counts.conflicts++
  }

  /** Runs `run` as one call named `label`: every request it sends is counted for it too. */
  during<R>(label: string, run: () => Promise<R>): Promise<R> {
    const call: CountedCall = { label, counts: zero() }
    this.calls.push(call)
    return this.current.run(call, run)
  }

  /** Every request since the double was made (or reset). */
  total(): RequestCounts {
    return { ...this.all }
  }

  /** The labelled calls in the order they began, with their counts. */
  perCall(): CountedCall[] {
    return this.calls.map((c) => ({ label: c.label, counts: { ...c.counts } }))
  }

  reset(): void {
    this.all = zero()
    this.calls = []
  }
}
