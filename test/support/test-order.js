/**
 * The order jest hands test files to its workers: the browser tests first (the longest files, so
 * they do not end up alone at the end of the run), then the weapp runtime, then the files marked
 * `@slow` in their first comment, then everything else in jest's own order (last run's failures
 * first, then the slowest, else the largest file).
 * `@slow` is for a file that runs long although the file itself is small (the store contract's
 * wrappers: a few lines that run a whole suite): on a fresh clone jest has no timings and orders by
 * size, which put those last, one worker busy and the other idle at the end of the run.
 * Plain JavaScript: jest loads its sequencer without the test transform.
 */
const fs = require('node:fs')
const Sequencer = require('@jest/test-sequencer').default

const FIRST = ['e2e', 'weapp']

/** Whether the file's first comment carries `@slow` (read from its first 2 KB, as jest.config.js reads `@timezone`). */
function markedSlow(file) {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(2048)
    const head = buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8')
    const comment = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(head)
    return Boolean(comment && /^\s*\*?\s*@slow\b/m.test(comment[1]))
  } finally {
    fs.closeSync(fd)
  }
}

const rank = (test) => {
  const i = FIRST.indexOf(test.context.config.displayName?.name)
  if (i !== -1) return i
  return markedSlow(test.path) ? FIRST.length : FIRST.length + 1
}

class TestOrder extends Sequencer {
  sort(tests) {
    const jestOrder = super.sort(tests)
    return jestOrder
      .map((test, i) => ({ test, i, rank: rank(test) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ test }) => test)
  }
}

module.exports = TestOrder
