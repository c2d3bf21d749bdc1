import type { NewMessage } from '@cloud/store/port'
import type { StoreAccess } from '../store-contract'

const message = (id: string, overrides: Partial<NewMessage> = {}): NewMessage => ({
  id,
  centerId: 'lsw',
  openid: 'me',
  bookingId: null,
  kind: 'case',
  title: `标题 ${id}`,
  body: '内容',
  templateId: null,
  createdAt: '2026-11-26T01:00:00.000Z',
  ...overrides,
})

export function messagesContract(store: StoreAccess): void {
  it('writes a 消息 once: the same id again changes nothing', async () => {
    await store().messages.send(message('m1', { link: '/pages/x/index?id=1' }))
    await store().messages.send(message('m1', { title: '另一个' }))
    expect(await store().messages.listFor('lsw', 'me', 10)).toEqual([{ ...message('m1'), link: '/pages/x/index?id=1' }])
  })

  it("lists the person's 消息 of one center, newest first, up to the limit", async () => {
    await store().messages.send(message('old', { createdAt: '2026-11-20T00:00:00.000Z' }))
    await store().messages.send(message('new', { createdAt: '2026-11-25T00:00:00.000Z' }))
    await store().messages.send(message('mid', { createdAt: '2026-11-22T00:00:00.000Z' }))
    await store().messages.send(message('theirs', { openid: 'other' }))
    await store().messages.send(message('elsewhere', { centerId: 'yz' }))
    expect((await store().messages.listFor('lsw', 'me', 10)).map((m) => m.id)).toEqual(['new', 'mid', 'old'])
    expect((await store().messages.listFor('lsw', 'me', 2)).map((m) => m.id)).toEqual(['new', 'mid'])
    expect((await store().messages.listFor('lsw', 'me', 2))[0]).toEqual({
      ...message('new', { createdAt: '2026-11-25T00:00:00.000Z' }),
      link: null,
    })
  })

  it('writes every one of many concurrent sends of one id once', async () => {
    await Promise.all(Array.from({ length: 10 }, () => store().messages.send(message('same'))))
    expect(await store().messages.listFor('lsw', 'me', 10)).toHaveLength(1)
  })
}
