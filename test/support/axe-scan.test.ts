/**
 * @jest-environment jsdom
 *
 * The e2e's axe scan (test/e2e/axe.ts) leaves out the rules that can only report minor or moderate findings: on a
 * page with findings of every impact it must report exactly the serious and critical ones a full scan reports.
 */
import fs from 'node:fs'
import { SCAN_OPTIONS } from '@test/e2e/axe'

type Result = { violations: { id: string; impact: string }[] }
type Axe = { run(context: Document, options: object): Promise<Result> }

const PAGE = `
  <h1>便民服务中心</h1>
  <h4>跳过了两级的标题</h4>
  <h2></h2>
  <img src="/photo.png">
  <input type="text">
  <div role="button"></div>
  <p>不在任何地标里的文字</p>`

describe('the e2e axe scan', () => {
  let axe: Axe
  beforeAll(() => {
    // jsdom draws nothing: axe's colour checks ask for a canvas and, given none, leave contrast undecided (as both scans do).
    HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext
    // axe reads `window` when it loads: evaluated in this document's global scope, as the e2e evaluates it in the page.
    window.eval(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'))
    axe = (window as unknown as { axe: Axe }).axe
    document.body.innerHTML = PAGE
  })

  describe('when the page has findings of every impact', () => {
    it('returns the same serious and critical findings as a full scan, and runs no rule that reports less', async () => {
      const full = await axe.run(document, { resultTypes: ['violations'] })
      const scan = await axe.run(document, window.eval(SCAN_OPTIONS) as object)
      const serious = (r: Result) =>
        r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id)
          .sort()
      // The page shows findings of both kinds, so the comparison can tell them apart.
      expect(full.violations.filter((v) => v.impact === 'moderate' || v.impact === 'minor').length).toBeGreaterThan(0)
      expect(serious(full).length).toBeGreaterThan(0)
      expect(serious(scan)).toEqual(serious(full))
      expect(scan.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical')).toEqual([])
    })
  })
})
