// Node strips types from .ts files by itself but does not compile JSX. Views are .tsx (Preact
// components shared by server and islands), so every process loads this hook first
// (`node --import ./src/web/jsx-hooks.ts ...`): it compiles .tsx files with esbuild as Node
// loads them. Nothing else in the project is transpiled at run time.
//
// Compiling is most of a cold start (esbuild's start, the type stripper's WebAssembly), and the
// sources rarely change between starts: the output of both is kept in node_modules/.cache, keyed
// by the file's path and content, and a start with nothing changed compiles nothing.
import { registerHooks, stripTypeScriptTypes } from 'node:module'
import { createRequire } from 'node:module'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/ovation-compiled/', import.meta.url))
// Bump when the compile settings below change.
const settings = `1:${process.version}`
let esbuild: typeof import('esbuild') | undefined

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || url.includes('/node_modules/')) return nextLoad(url, context)
    const tsx = url.endsWith('.tsx')
    if (!tsx && !url.endsWith('.ts')) return nextLoad(url, context)
    const path = fileURLToPath(url)
    const source = readFileSync(path, 'utf8')
    const cached = `${cacheDir}${createHash('sha1').update(settings).update(path).update(source).digest('hex')}.js`
    try {
      return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true }
    } catch {
      // Not compiled yet.
    }
    const code = tsx ? compileTsx(path, source) : stripTypes(source)
    keep(cached, code)
    return { format: 'module', source: code, shortCircuit: true }
  },
})

/** Node's own type stripper (positions kept, so stack traces need no source map). */
function stripTypes(source: string): string {
  // The function is flagged experimental and says so on every process's first miss; the
  // stripping itself is what Node does to every .ts file anyway.
  const emit = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning).includes('stripTypeScriptTypes')) (emit as (...args: unknown[]) => void).call(process, warning, ...rest)
  }) as typeof process.emitWarning
  try {
    return stripTypeScriptTypes(source, { mode: 'strip' })
  } finally {
    process.emitWarning = emit
  }
}

function compileTsx(path: string, source: string): string {
  // Loaded on the first miss only: a warm start never starts esbuild.
  esbuild ??= createRequire(import.meta.url)('esbuild') as typeof import('esbuild')
  return esbuild.transformSync(source, {
    loader: 'tsx',
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcefile: path,
    sourcemap: 'inline',
    target: 'node24',
  }).code
}

/** Writes atomically (parallel test processes compile the same files); a failure only costs speed. */
function keep(file: string, code: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true })
    const temporary = `${file}.${process.pid}.tmp`
    writeFileSync(temporary, code)
    renameSync(temporary, file)
  } catch {
    // A read-only checkout runs uncached.
  }
}
