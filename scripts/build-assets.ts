// Bundles the browser assets (stylesheet and islands) into public/build with content hashes in
// their names, and writes manifest.json mapping each entry to its hashed file. Pages link the
// hashed names, so assets are cached for a year and a deploy never serves a stale one.
import { build } from 'esbuild'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, relative } from 'node:path'

const root = new URL('../', import.meta.url).pathname
const outdir = `${root}public/build`
const entries = {
  app: `${root}src/web/client/app.ts`,
  // The writer's studio (the editor), loaded by the write pages only: readers never download it.
  editor: `${root}src/studio/client/editor.ts`,
  style: `${root}src/web/styles/style.css`,
}

rmSync(outdir, { recursive: true, force: true })
mkdirSync(outdir, { recursive: true })
const result = await build({
  entryPoints: entries,
  outdir,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  entryNames: '[name]-[hash]',
  metafile: true,
  loader: { '.woff2': 'file' },
  logLevel: 'warning',
})

const manifest: Record<string, string> = {}
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!output.entryPoint) continue
  const name = Object.entries(entries).find(([, path]) => relative(root, path) === output.entryPoint)?.[0]
  if (name) manifest[name] = `/assets/${basename(file)}`
}
writeFileSync(`${outdir}/manifest.json`, JSON.stringify(manifest, null, 2))
