/**
 * Run first in every backend and pages test file (jest.config.js `setupFiles`): V8's compiled code of each module
 * kept for the later files of this jest worker.
 *
 * Why: jest gives every test file a fresh module registry and compiles each module it loads again from its source
 * (`vm.compileFunction`), jest's own included (expect, jest-circus), so every file paid again to parse and compile the
 * same few hundred modules: zod's ~90 files, the contract, the functions, the SQLite adapter (measured: 16.5 of 199 CPU
 * s of the `node` project run in one process, in `compileFunction`). Each module still runs afresh in each file: only
 * V8's work of turning its text into code is reused, through its code cache (`cachedData`), and only for the very same
 * text (V8 itself checks just the length, so the text is compared here). A cache V8 rejects compiles as before.
 * One cache per process: `node:vm` is the process's own, whatever registry this module is loaded into.
 */
import vm from 'node:vm'

type CompileFunction = typeof vm.compileFunction
type Options = NonNullable<Parameters<CompileFunction>[2]>

/** Marks `node:vm` once its `compileFunction` reuses code (Symbol.for: one symbol for every file's registry). */
const CACHING = Symbol.for('bianmin.test.compileCache')

/** Makes `vm.compileFunction` keep and reuse V8's code cache by file name and text; idempotent. */
export function cacheCompiledCode(): void {
  const host = vm as typeof vm & { [CACHING]?: true }
  if (host[CACHING]) return
  const compile = vm.compileFunction
  const cached = new Map<string, { code: string; data: Buffer }>()
  host.compileFunction = function (code: string, params?: readonly string[], options?: Options) {
    const filename = options?.filename
    const hit = filename === undefined ? undefined : cached.get(filename)
    if (hit && hit.code === code) return compile(code, params, { ...options, cachedData: hit.data })
    if (filename === undefined || options?.cachedData) return compile(code, params, options)
    const fn = compile(code, params, { ...options, produceCachedData: true }) as ReturnType<CompileFunction> & { cachedData?: Buffer }
    if (fn.cachedData) cached.set(filename, { code, data: fn.cachedData })
    return fn
  } as CompileFunction
  Object.defineProperty(host, CACHING, { value: true })
}

cacheCompiledCode()
