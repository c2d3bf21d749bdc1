/**
 * ESLint: the README's import arrows, no source file over 400 lines, and a few rules that catch bugs. No style
 * rules: Biome's formatter owns style (`npm run format`).
 *
 * The arrows are `no-restricted-imports` patterns (typescript-eslint's, which can let `import type` through) per folder. They read import specifiers as written, so an
 * arrow names both spellings of a folder (the alias and a one-level relative path); climbing two or more
 * folders is refused everywhere, which leaves no third spelling.
 */
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** Everywhere: `../../` becomes an alias. scripts/, cloudbase/ and config/ (the build's) have none, so tests reach them by a relative path. */
const noDeepRelative = {
  regex: '^(\\.\\./){2,}(?!\\.\\./)(?!scripts/|cloudbase/|config/)',
  message: 'Climbs two or more folders: import through @/ (src), @cloud/ (cloud) or @test/ (test).',
}

/** The arrows, by folder: each pattern is what that folder must not import. */
const ARROWS = {
  'src/**': [
    {
      regex: '^(@cloud/|@test/|(\\.\\./)+(cloud|test)/)',
      message: 'Nothing in src/ imports cloud/ or test/: the client reaches the backend through the wire contract.',
    },
    {
      regex: '^(@/|\\.\\./|\\./)contract(?!/envelope$)(/|$)',
      allowTypeImports: true,
      message: 'The client imports the contract with `import type` only, so its validators stay out of the mini-program bundle.',
    },
  ],
  'src/core/**': [
    {
      regex: '^(?!\\./|@/core/|dayjs(/|$)|tyme4ts$|chinese-days/)',
      message: 'src/core holds pure rules: it imports core and the pure date libraries only (no I/O, no Taro, no wx, no React).',
    },
  ],
  'src/contract/**': [
    {
      regex: '^(?!\\./|\\.\\./core/|@/core/|zod(/mini)?$)',
      message: 'The wire contract imports itself, src/core and zod (zod/mini) only: nothing of the backend, the client or I/O.',
    },
  ],
  'cloud/store/**': [
    { regex: '^(@/contract/|\\.\\./contract/)', message: 'The store imports no wire types: move the shared type into src/core.' },
  ],
}

/**
 * A file gets the patterns of every folder it is in (flat config replaces a rule's options rather than
 * merging them, so each block lists them all).
 */
function arrowsFor(folder) {
  const within = Object.keys(ARROWS).filter((f) => folder === f || folder.startsWith(f.replace('/**', '/')))
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noDeepRelative, ...within.flatMap((f) => ARROWS[f])] }] }
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cloudfunctions/', 'coverage/', 'data/', '.swc/', 'artifacts/', '.scratch/'] },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...arrowsFor(''),
      // tsc reports unused names already (noUnusedLocals, noUnusedParameters), and lets `_`-named ones omit a field.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  // React's two hook rules (the compiler-era rules of the plugin's newer presets are left out).
  {
    files: ['src/**/*.tsx', 'src/hooks/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Node's own module format, and the tests' doubles of Taro's runtime and of wx, which load built code by path.
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
  },
  { files: ['**/*.{js,cjs}', 'test/**'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // A source file over 400 lines holds more than one thing: split it by what it holds. Every line counts, blank
  // lines and comments too (as `wc -l` counts them): a file padded with comments is as long to read.
  {
    files: ['{src,cloud,scripts,bench,config}/**/*.{ts,tsx,js,mjs,cjs}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  ...Object.keys(ARROWS).map((folder) => ({ files: [folder], rules: arrowsFor(folder) })),
)
