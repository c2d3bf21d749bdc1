/**
 * The order jest hands test files to its workers: the browser tests first (the longest files, so
 * they do not end up alone at the end of the run), then the weapp runtime, then everything else in
 * jest's own order (last run's failures first, then the slowest, else the largest file).
 * Plain JavaScript: jest loads its sequencer without the test transform.
 */
const Sequencer = require('@jest/test-sequencer').default

const FIRST = ['e2e', 'weapp']

const rank = (test) => {
  const i = FIRST.indexOf(test.context.config.displayName?.name)
  return i === -1 ? FIRST.length : i
}

class TestOrder extends Sequencer {
  sort(tests) {
    const jestOrder = super.sort(tests)
    return jestOrder
      .map((test, i) => ({ test, i }))
      .sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i)
      .map(({ test }) => test)
  }
}

module.exports = TestOrder
