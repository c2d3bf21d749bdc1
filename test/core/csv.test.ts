import { csvCell, toCsv } from '@/core/csv'
import { parseCsv } from '../support/parse-csv'

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('王,建国')).toBe('"王,建国"')
    expect(csvCell('说"好"')).toBe('"说""好"""')
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"')
  })
  describe('when text would run as a spreadsheet formula', () => {
    it('returns it with a leading apostrophe', () => {
      expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
      expect(csvCell('-1')).toBe("'-1")
      expect(csvCell(-1)).toBe('-1')
    })
  })
  it('returns empty for null and non-finite numbers', () => {
    expect([csvCell(null), csvCell(undefined), csvCell(NaN)]).toEqual(['', '', ''])
  })
})

describe('toCsv', () => {
  it('returns a BOM, CRLF rows, and reads back to the same cells', () => {
    const csv = toCsv(
      ['事项', '说明'],
      [
        ['低保', '含"逗号",与\n换行'],
        ['养老', 3],
      ],
    )
    expect(csv.startsWith('\uFEFF事项,说明\r\n')).toBe(true)
    expect(parseCsv(csv)).toEqual([
      ['事项', '说明'],
      ['低保', '含"逗号",与\n换行'],
      ['养老', '3'],
    ])
  })
})
