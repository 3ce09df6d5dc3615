// Node strips types from .ts files by itself but does not compile JSX. Views are .tsx (Preact
// components shared by server and islands), so every process loads this hook first
// (`node --import ./src/web/jsx-hooks.ts ...`): it compiles .tsx files with esbuild as Node
// loads them. Nothing else in the project is transpiled at run time.
import { registerHooks } from 'node:module'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { transformSync } from 'esbuild'

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.tsx')) return nextLoad(url, context)
    const path = fileURLToPath(url)
    const { code } = transformSync(readFileSync(path, 'utf8'), {
      loader: 'tsx',
      format: 'esm',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      sourcefile: path,
      sourcemap: 'inline',
      target: 'node24',
    })
    return { format: 'module', source: code, shortCircuit: true }
  },
})
