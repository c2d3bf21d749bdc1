import { Button, Text, View } from '@tarojs/components'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { setImmediate as nodeSetImmediate } from 'node:timers'
import { useState } from 'react'
import { useTransport } from '@/api/client'
import type { Envelope } from '@/contract/envelope'
import { useAction, type ActionInput } from '@/hooks/use-action'
import { bookingHarness, createInput, type BookingHarness } from '../support/booking-harness'
import { expectOk } from '../support/expect-ok'
import { nthIdNumber } from '../support/id-numbers'
import { resetTaroDouble } from '../support/taro-double'

/**
 * useAction in jsdom against the real `booking` function on a real SQLite file
 * (the in-process dispatcher as transport). The transport only records what was
 * sent and, where a test says so, loses the answer after the server has acted,
 * as a dropped connection would.
 */

/** A booking.create input without the request id: useAction supplies it. */
function bookingInput(n: number, overrides: Partial<ActionInput<'booking', 'create'>> = {}): ActionInput<'booking', 'create'> {
  const { requestId: _supplied, ...input } = createInput(n)
  return { ...input, ...overrides }
}

/** The smallest form: one button that runs booking.create with the given input, and what the hook shows. */
function BookingProbe({ input }: { input: ActionInput<'booking', 'create'> }) {
  const create = useAction('booking', 'create', { fields: { 'person.idNumber': 'idNumber' } })
  const [booked, setBooked] = useState<string | null>(null)
  const submit = async () => {
    const booking = await create.run(input)
    if (booking) setBooked(booking.id)
  }
  return (
    <View>
      <Button onClick={submit}>确认预约</Button>
      {create.busy && <Text>正在提交</Text>}
      {create.failure && <Text>失败：{create.failure.message}</Text>}
      {create.fieldErrors.idNumber && <Text>身份证：{create.fieldErrors.idNumber}</Text>}
      {booked && <Text>已预约：{booked}</Text>}
    </View>
  )
}

// jsdom has no setImmediate; the SQLite store's group commit (the real server code under test) takes Node's.
Object.assign(globalThis, { setImmediate: globalThis.setImmediate ?? nodeSetImmediate })

/** A form that checks itself before sending: two problems, each field edited on its own. */
function CheckedProbe() {
  const create = useAction('booking', 'create')
  return (
    <View>
      <Button
        onClick={() =>
          create.invalid({ 'person.name': '请填写姓名', 'person.phone': '请填写 11 位手机号码', note: undefined }, '有几处需要修改')
        }
      >
        检查
      </Button>
      <Button onClick={() => create.edited('person.name')}>改姓名</Button>
      <Button onClick={() => create.edited('person')}>改办事人</Button>
      {create.failure && <Text>失败：{create.failure.message}</Text>}
      <Text>问题：{Object.keys(create.fieldErrors).sort().join(',')}</Text>
    </View>
  )
}

const LOST_ANSWER: Envelope<never> = { ok: false, error: { code: 'INTERNAL', message: '网络不通，请检查网络后重试' } }

describe('useAction', () => {
  let h: BookingHarness
  /** Every booking.create the server was sent. */
  let creates: Record<string, unknown>[]
  /** How many of the next answers to lose after the server has acted. */
  let loseAnswers: number

  beforeEach(() => {
    h = bookingHarness()
    creates = []
    loseAnswers = 0
    resetTaroDouble()
    useTransport(async (name, data) => {
      if (name === 'booking' && data.action === 'create') creates.push(data)
      const answer = await h.call(name as 'booking', data, 'resident-a')
      if (loseAnswers > 0) {
        loseAnswers--
        return LOST_ANSWER
      }
      return answer
    })
  })

  afterEach(() => h.close())

  const tap = () => act(async () => fireEvent.click(screen.getByText('确认预约')))
  const bookingsOfResident = async (): Promise<{ id: string }[]> => {
    const listed = await h.call('booking', { action: 'listMine', centerId: 'lsw', tab: 'upcoming' }, 'resident-a')
    return expectOk(listed).items
  }

  describe('when the button is tapped twice at once', () => {
    it('sends one create and makes one booking', async () => {
      render(<BookingProbe input={bookingInput(1)} />)
      const button = screen.getByText('确认预约')
      await act(async () => {
        fireEvent.click(button)
        fireEvent.click(button)
      })
      expect(await screen.findByText(/^已预约：bk/)).toBeTruthy()
      expect(creates).toHaveLength(1)
      expect(await bookingsOfResident()).toHaveLength(1)
    })

    it('says it is busy until the answer comes', async () => {
      let answer!: () => void
      const held = new Promise<void>((resolve) => (answer = resolve))
      useTransport(async (name, data) => {
        await held
        return h.call(name as 'booking', data, 'resident-a')
      })
      render(<BookingProbe input={bookingInput(1)} />)
      await tap()
      expect(screen.getByText('正在提交')).toBeTruthy()
      await act(async () => answer())
      expect(await screen.findByText(/^已预约：/)).toBeTruthy()
      expect(screen.queryByText('正在提交')).toBeNull()
    })
  })

  describe('when the answer is lost after the server booked', () => {
    it('says so, and the retry sends the same request id and meets the first booking', async () => {
      loseAnswers = 1
      render(<BookingProbe input={bookingInput(1)} />)
      await tap()
      expect(await screen.findByText('失败：网络不通，请检查网络后重试')).toBeTruthy()
      const [first] = await bookingsOfResident()
      expect(first).toBeDefined()

      await tap()
      expect(await screen.findByText(`已预约：${first.id}`)).toBeTruthy()
      expect(creates).toHaveLength(2)
      expect(creates[1].requestId).toBe(creates[0].requestId)
      expect(await bookingsOfResident()).toHaveLength(1)
    })

    it('sends a new request id once the input changes: another slot is another submission', async () => {
      loseAnswers = 1
      const { rerender } = render(<BookingProbe input={bookingInput(1)} />)
      await tap()
      await screen.findByText('失败：网络不通，请检查网络后重试')

      rerender(<BookingProbe input={bookingInput(2, { start: '09:30' })} />)
      await tap()
      expect(await screen.findByText(/^已预约：/)).toBeTruthy()
      expect(creates[1].requestId).not.toBe(creates[0].requestId)
      expect(await bookingsOfResident()).toHaveLength(2)
    })
  })

  describe('after a success', () => {
    it('sends the next tap as a new submission (the server then decides, here: one a day per service)', async () => {
      render(<BookingProbe input={bookingInput(1)} />)
      await tap()
      await screen.findByText(/^已预约：/)
      await tap()
      expect(await screen.findByText('失败：办事人当天已预约过该事项，每人每天同一事项只能预约一次')).toBeTruthy()
      expect(creates[1].requestId).not.toBe(creates[0].requestId)
      expect(await bookingsOfResident()).toHaveLength(1)
    })
  })

  describe('when the server refuses a field', () => {
    it('keys the problem by the form’s field name and says the refusal', async () => {
      const wrong = nthIdNumber(1).slice(0, 17) + (nthIdNumber(1).endsWith('0') ? '1' : '0')
      render(<BookingProbe input={bookingInput(1, { person: { name: '王建国', idNumber: wrong, phone: '13812345678' } })} />)
      await tap()
      expect(await screen.findByText('身份证：身份证号码不正确，请核对最后一位')).toBeTruthy()
      expect(screen.getByText(/^失败：/)).toBeTruthy()
      expect(await bookingsOfResident()).toHaveLength(0)
    })

    it('clears the failure and the field problem when the corrected form succeeds', async () => {
      const wrong = nthIdNumber(1).slice(0, 17) + (nthIdNumber(1).endsWith('0') ? '1' : '0')
      const { rerender } = render(
        <BookingProbe input={bookingInput(1, { person: { name: '王建国', idNumber: wrong, phone: '13812345678' } })} />,
      )
      await tap()
      await screen.findByText(/^身份证：/)

      rerender(<BookingProbe input={bookingInput(1)} />)
      await tap()
      expect(await screen.findByText(/^已预约：/)).toBeTruthy()
      expect(screen.queryByText(/^失败：/)).toBeNull()
      expect(screen.queryByText(/^身份证：/)).toBeNull()
    })
  })

  describe('when the page finds problems itself before sending', () => {
    it('shows them by field; each goes as its field is edited, and "please fix" with the last', async () => {
      render(<CheckedProbe />)
      await act(async () => fireEvent.click(screen.getByText('检查')))
      expect(screen.getByText('问题：person.name,person.phone')).toBeTruthy()
      expect(screen.getByText('失败：有几处需要修改')).toBeTruthy()
      await act(async () => fireEvent.click(screen.getByText('改姓名')))
      expect(screen.getByText('问题：person.phone')).toBeTruthy()
      expect(screen.getByText('失败：有几处需要修改')).toBeTruthy()
      // A field covers its parts: editing the person settles person.phone too.
      await act(async () => fireEvent.click(screen.getByText('改办事人')))
      expect(screen.getByText('问题：')).toBeTruthy()
      expect(screen.queryByText(/^失败：/)).toBeNull()
      expect(creates).toHaveLength(0)
    })
  })
})
