/** @timezone */
import { buildBoard, callAnnouncement, placeOnBoard, ticketsWithAhead, type BoardInput, type BoardTicket } from '@/core/queue-board'

const at = (clock: string) => new Date(`2026-11-26T${clock}:00+08:00`).toISOString()
let seq = 0
const ticket = (label: string, extra: Partial<BoardTicket> = {}): BoardTicket => ({
  id: `t${++seq}`,
  label,
  queue: 'pension',
  kind: 'walk_in',
  green: null,
  slotStart: null,
  arrivedAt: at('09:00'),
  status: 'waiting',
  window: null,
  lastCalledAt: null,
  recalls: 0,
  ...extra,
})

const input = (extra: Partial<BoardInput>): BoardInput => ({
  centerId: 'lsw',
  date: '2026-11-26',
  version: 7,
  at: at('10:00'),
  open: [],
  recent: [],
  counters: [],
  queues: [
    { queue: 'medical', windows: [3, 2] },
    { queue: 'pension', windows: [2, 3] },
  ],
  windowNames: { 2: '社保医保', 3: '社保医保' },
  ...extra,
})

describe('buildBoard', () => {
  it('returns each window’s latest call still open, the recent calls, and each queue’s order', () => {
    const board = buildBoard(
      input({
        open: [
          ticket('A001', { status: 'serving', window: 2, lastCalledAt: at('09:10') }),
          ticket('A003', { status: 'called', window: 2, lastCalledAt: at('09:20') }),
          ticket('C001', { queue: 'medical', status: 'called', window: 3, lastCalledAt: at('09:15'), recalls: 1 }),
          ticket('A005', { arrivedAt: at('09:30') }),
          ticket('A004', { arrivedAt: at('09:25'), green: 'age' }),
          ticket('A002', { status: 'skipped', window: 3, lastCalledAt: at('09:05') }),
        ],
        recent: [
          ticket('A003', { status: 'called', window: 2, lastCalledAt: at('09:20') }),
          ticket('C001', { queue: 'medical', status: 'called', window: 3, lastCalledAt: at('09:15'), recalls: 1 }),
        ],
        counters: [{ queue: 'pension', served: 2, serviceSeconds: 960 }],
      }),
    )
    expect(board.version).toBe(7)
    expect(board.calls.map((c) => [c.window, c.label, c.status, c.recalls])).toEqual([
      [2, 'A003', 'called', 0],
      [3, 'C001', 'called', 1],
    ])
    expect(board.calls[0]).toMatchObject({ windowName: '社保医保', at: at('09:20'), announcement: '请 A003 号到 2 号窗口办理' })
    expect(board.recent.map((c) => c.label)).toEqual(['A003', 'C001'])
    // Category order of the guide, whatever order the input had.
    expect(board.queues.map((q) => [q.queue, q.letter, q.name, q.waiting, q.order, q.served, q.averageMinutes, q.windows])).toEqual([
      ['pension', 'A', '社保养老', 2, ['A004', 'A005'], 2, 8, [2, 3]],
      ['medical', 'C', '医疗保障', 0, [], 0, 10, [2, 3]],
    ])
  })

  describe('when nothing has happened yet today', () => {
    it('returns empty calls and every queue at zero', () => {
      const board = buildBoard(input({ version: 0 }))
      expect(board.calls).toEqual([])
      expect(board.queues.every((q) => q.waiting === 0)).toBe(true)
    })
  })
})

describe('placeOnBoard', () => {
  const board = buildBoard(input({ open: ['A001', 'A002', 'A003', 'A004'].map((l, i) => ticket(l, { arrivedAt: at(`09:0${i}`) })) }))
  it('returns the people ahead and the wait spread over the queue’s windows', () => {
    expect(placeOnBoard(board, 'pension', 'A001')).toEqual({ ahead: 0, estimatedMinutes: 0 })
    expect(placeOnBoard(board, 'pension', 'A004')).toEqual({ ahead: 3, estimatedMinutes: 15 })
  })
  describe('when the ticket is not waiting in that queue', () => {
    it('returns null', () => {
      expect(placeOnBoard(board, 'pension', 'A009')).toBeNull()
      expect(placeOnBoard(board, 'medical', 'A001')).toBeNull()
    })
  })
})

describe('ticketsWithAhead', () => {
  const board = buildBoard(
    input({ open: ['A001', 'A002', 'A003', 'A004', 'A005'].map((l, i) => ticket(l, { arrivedAt: at(`09:0${i}`) })) }),
  )
  const t = (label: string, queue: 'pension' | 'medical' = 'pension') => ({ queue, label })
  it('returns the tickets with exactly that many people before them', () => {
    expect(ticketsWithAhead(board, [t('A001'), t('A004'), t('A005')], 3)).toEqual([t('A004')])
    expect(ticketsWithAhead(board, [t('A001'), t('A002')], 0)).toEqual([t('A001')])
  })
  it('never returns a ticket not waiting in that queue on the board', () => {
    expect(ticketsWithAhead(board, [t('A009'), t('A004', 'medical')], 3)).toEqual([])
  })
})

describe('callAnnouncement', () => {
  it('returns the sentence the hall hears', () => {
    expect(callAnnouncement('A012', 3)).toBe('请 A012 号到 3 号窗口办理')
  })
})
