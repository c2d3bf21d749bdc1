import vm from 'node:vm'
import { cacheCompiledCode } from './compile-cache'

/** A file name no other test compiles, so each case starts without a cached entry. */
let files = 0
const fileName = () => `/compile-cache-test/${process.pid}-${++files}.js`

describe('cacheCompiledCode', () => {
  beforeAll(() => cacheCompiledCode())

  it('compiles the same text again from the code cache, to the same behaviour', () => {
    const filename = fileName()
    const text = 'return a * 2 + 1'
    const first = vm.compileFunction(text, ['a'], { filename })
    const again = vm.compileFunction(text, ['a'], { filename }) as ReturnType<typeof vm.compileFunction> & { cachedDataRejected?: boolean }
    expect(again.cachedDataRejected).toBe(false)
    expect([first(20), again(20)]).toEqual([41, 41])
  })

  it('compiles a changed text of the same length afresh (V8 checks only the length)', () => {
    const filename = fileName()
    expect(vm.compileFunction('return 1', [], { filename })()).toBe(1)
    expect(vm.compileFunction('return 2', [], { filename })()).toBe(2)
  })

  it('leaves a compile without a file name alone', () => {
    expect(vm.compileFunction('return 3')()).toBe(3)
    expect(vm.compileFunction('return 4')()).toBe(4)
  })
})
