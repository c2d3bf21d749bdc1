import { checkTransition, QUEUE_LETTERS, QUEUE_TRANSITIONS, ticketLabel, type QueueAction, type TicketStatus } from '@/core/queue-tickets'
import { SERVICE_CATEGORY_KEYS } from '@/core/service-categories'

describe('ticketLabel', () => {
  it('returns the queue letter and three digits', () => {
    expect(ticketLabel('pension', 1)).toBe('A001')
    expect(ticketLabel('retirement_cert', 12)).toBe('B012')
    expect(ticketLabel('medical', 999)).toBe('C999')
  })
  describe('when a queue passes 999 in a day', () => {
    it('returns more digits rather than repeating a number', () => {
      expect(ticketLabel('pension', 1000)).toBe('A1000')
    })
  })
  it('gives every category its own letter, none of them I or O', () => {
    const letters = SERVICE_CATEGORY_KEYS.map((k) => QUEUE_LETTERS[k])
    expect(new Set(letters).size).toBe(letters.length)
    expect(letters).not.toContain('I')
    expect(letters).not.toContain('O')
  })
})

describe('checkTransition', () => {
  const STATES: TicketStatus[] = ['waiting', 'called', 'serving', 'completed', 'skipped']
  const ticket = (status: TicketStatus, extra: { putBack?: boolean; green?: 'clerk' | null } = {}) => ({
    label: 'A012',
    status,
    putBack: false,
    green: null,
    ...extra,
  })

  // Every action against every state: allowed exactly where the table says.
  const allowed: Record<QueueAction, TicketStatus[]> = {
    call: ['waiting'],
    recall: ['called'],
    skip: ['called'],
    putBack: ['skipped'],
    start: ['called'],
    complete: ['serving'],
    transfer: ['waiting', 'called', 'serving'],
    green: ['waiting'],
  }
  for (const action of Object.keys(allowed) as QueueAction[]) {
    describe(`when the action is ${action}`, () => {
      for (const status of STATES) {
        if (allowed[action].includes(status)) {
          it(`allows it from ${status}, to ${QUEUE_TRANSITIONS[action].to}`, () => {
            expect(checkTransition(ticket(status), action)).toEqual({ ok: true, to: QUEUE_TRANSITIONS[action].to })
          })
        } else {
          it(`refuses it from ${status}, saying why`, () => {
            const check = checkTransition(ticket(status), action)
            expect(check.ok).toBe(false)
            expect(!check.ok && check.message).toMatch(/^A012 .+，不能/)
          })
        }
      }
    })
  }

  describe('when a skipped ticket was put back once already', () => {
    it('refuses a second put-back', () => {
      expect(checkTransition(ticket('skipped', { putBack: true }), 'putBack')).toEqual({
        ok: false,
        message: 'A012 已恢复过一次排队，不能再次恢复',
      })
    })
  })
  describe('when the ticket is already in the green channel', () => {
    it('refuses to flag it again', () => {
      expect(checkTransition(ticket('waiting', { green: 'clerk' }), 'green')).toEqual({ ok: false, message: 'A012 已在绿色通道' })
    })
  })
  it('says the state and the action in words', () => {
    expect(checkTransition(ticket('completed'), 'skip')).toEqual({ ok: false, message: 'A012 已办结，不能过号' })
  })
})
