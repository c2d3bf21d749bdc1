import { deskKeyAction, elsewhere, shortcutTarget, waitingPerWindow } from '@/core/queue-desk'

describe('waitingPerWindow', () => {
  it('counts a ticket at every window that serves its service', () => {
    const windows = [
      { number: 1, serviceIds: ['a'] },
      { number: 2, serviceIds: ['a', 'b'] },
      { number: 3, serviceIds: ['c'] },
    ]
    expect(waitingPerWindow(windows, [{ serviceId: 'a' }, { serviceId: 'b' }, { serviceId: 'b' }])).toEqual([
      { number: 1, waiting: 1 },
      { number: 2, waiting: 3 },
      { number: 3, waiting: 0 },
    ])
  })

  it('returns zero everywhere when nobody waits', () => {
    expect(waitingPerWindow([{ number: 4, serviceIds: ['a'] }], [])).toEqual([{ number: 4, waiting: 0 }])
  })
})

describe('elsewhere', () => {
  describe('when nobody waits at the current window but some wait at another', () => {
    it('returns the sentence and the window to call for', () => {
      expect(
        elsewhere(1, [
          { number: 1, waiting: 0 },
          { number: 2, waiting: 3 },
          { number: 3, waiting: 0 },
        ]),
      ).toEqual({ text: '1 号窗口无人等候；2 号窗口有 3 人等候', callFor: 2 })
    })

    it('names every window where people wait and calls for the one where most wait', () => {
      expect(
        elsewhere(2, [
          { number: 1, waiting: 1 },
          { number: 2, waiting: 0 },
          { number: 3, waiting: 4 },
        ]),
      ).toEqual({ text: '2 号窗口无人等候；1 号窗口有 1 人等候，3 号窗口有 4 人等候', callFor: 3 })
    })

    it('takes the lowest window number among equals', () => {
      expect(
        elsewhere(3, [
          { number: 1, waiting: 2 },
          { number: 2, waiting: 2 },
          { number: 3, waiting: 0 },
        ])?.callFor,
      ).toBe(1)
    })
  })

  describe('when people wait at the current window', () => {
    it('returns null', () => {
      expect(
        elsewhere(1, [
          { number: 1, waiting: 1 },
          { number: 2, waiting: 5 },
        ]),
      ).toBeNull()
    })
  })

  describe('when nobody waits anywhere, or the clerk has one window', () => {
    it('returns null', () => {
      expect(
        elsewhere(1, [
          { number: 1, waiting: 0 },
          { number: 2, waiting: 0 },
        ]),
      ).toBeNull()
      expect(elsewhere(4, [{ number: 4, waiting: 0 }])).toBeNull()
    })
  })
})

describe('deskKeyAction', () => {
  it('returns the action of each shortcut key, in either case', () => {
    expect(['n', 'R', 's', 'E'].map(deskKeyAction)).toEqual(['callNext', 'recall', 'start', 'complete'])
  })

  it('returns null for any other key', () => {
    expect(['x', 'Enter', ' ', 'F1', 'NN'].map(deskKeyAction)).toEqual([null, null, null, null, null])
  })
})

describe('shortcutTarget', () => {
  const current = [
    { id: 'served', status: 'serving' as const },
    { id: 'first-call', status: 'called' as const },
    { id: 'last-call', status: 'called' as const },
  ]

  it('returns the latest called ticket for 重呼 and 开始办理', () => {
    expect(shortcutTarget('recall', current)?.id).toBe('last-call')
    expect(shortcutTarget('start', current)?.id).toBe('last-call')
  })

  it('returns the ticket being served for 办结', () => {
    expect(shortcutTarget('complete', current)?.id).toBe('served')
  })

  describe('when no current ticket is in the state the shortcut needs', () => {
    it('returns null', () => {
      expect(shortcutTarget('complete', [{ status: 'called' as const }])).toBeNull()
      expect(shortcutTarget('start', [{ status: 'serving' as const }])).toBeNull()
      expect(shortcutTarget('recall', [])).toBeNull()
    })
  })
})
