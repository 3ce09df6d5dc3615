// Bundles the browser assets (stylesheet and islands) into public/build with content hashes in
// their names, and writes manifest.json mapping each entry to its hashed file. Pages link the
// hashed names, so assets are cached for a year and a deploy never serves a stale one.
import { build } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, relative } from 'node:path'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'

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
  // The body face, preloaded by every page (src/web/layout.tsx).
  if (/literata-latin-wght-normal-[^/]+\.woff2$/.test(file)) manifest.font = `/assets/${basename(file)}`
  if (!output.entryPoint) continue
  const name = Object.entries(entries).find(([, path]) => relative(root, path) === output.entryPoint)?.[0]
  if (name) manifest[name] = `/assets/${basename(file)}`
}
writeFileSync(`${outdir}/manifest.json`, JSON.stringify(manifest, null, 2))

// Brotli and gzip forms beside each script and stylesheet, compressed once here at the highest
// settings; the server sends the one a browser accepts (@fastify/static's preCompressed).
for (const file of Object.keys(result.metafile.outputs)) {
  if (!/\.(css|js)$/.test(file)) continue
  const bytes = readFileSync(`${root}${file}`)
  writeFileSync(`${root}${file}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }))
  writeFileSync(`${root}${file}.gz`, gzipSync(bytes, { level: 9 }))
}
