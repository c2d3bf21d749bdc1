import { districtCsvRow, districtLine, districtTotal } from '@/core/district-overview'
import type { SummedRow } from '@/core/statistics'

const range = { from: '2026-11-01', to: '2026-11-30', today: '2026-12-01' }
const r = (area: SummedRow['area'], metric: string, k1 = '', k2 = '', n = 1): SummedRow => ({ area, metric, k1, k2, n, total: 0 })

describe('districtLine', () => {
  it('reads bookings and satisfaction from the range, overdue work from today, and the hall as given', () => {
    const line = districtLine(
      { id: 'lsw', name: '灵山卫' },
      [
        r('bookings', 'booking', 'svc', 'booked', 10),
        r('bookings', 'booking', 'svc', 'no_show', 2),
        r('ratings', 'rating', '5', 'counter', 3),
        r('ratings', 'rating', '1', 'counter', 1),
      ],
      [r('cases', 'case_overdue', '', '', 2), r('homecert', 'hc_overdue', '', '', 1)],
      { waiting: 4, served: 9 },
      range,
    )
    expect(line.today).toEqual({ waiting: 4, served: 9 })
    expect(line.overdue).toEqual({ cases: 2, homecert: 1 })
    expect(line.satisfaction).toMatchObject({ ratings: 4, satisfiedShare: 75, low: 1 })
  })
})

describe('districtTotal', () => {
  it('adds the centers up and weighs 满意率 by ratings', () => {
    const a = districtLine(
      { id: 'a', name: 'A' },
      [r('ratings', 'rating', '5', 'counter', 9), r('ratings', 'rating', '1', 'counter', 1)],
      [],
      { waiting: 1, served: 2 },
      range,
    )
    const b = districtLine({ id: 'b', name: 'B' }, [r('ratings', 'rating', '1', 'counter', 10)], [], { waiting: 3, served: 0 }, range)
    const t = districtTotal([a, b])
    expect(t.today).toEqual({ waiting: 4, served: 2 })
    expect(t.satisfaction).toMatchObject({ ratings: 20, satisfiedShare: 45, low: 11 })
    expect(districtCsvRow('全区合计', t)[9]).toBe('45%')
  })

  it('says nothing about satisfaction with no rating at all', () => {
    const none = districtTotal([districtLine({ id: 'a', name: 'A' }, [], [], { waiting: 0, served: 0 }, range)])
    expect(none.satisfaction.satisfiedShare).toBeNull()
    expect(districtCsvRow('A', none)[9]).toBe('')
  })
})
