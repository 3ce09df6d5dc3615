// The hashed asset URLs written by scripts/build-assets.ts (run by npm start and npm test).
import { readFileSync } from 'node:fs'

/** The hashed URLs of the islands, the stylesheet, the editor and the body font (Literata, roman). */
export type AssetUrls = { app: string; style: string; editor: string; font: string }

export const publicDir = new URL('../../public/', import.meta.url).pathname

let cached: AssetUrls | undefined
let cachedBuild: string | undefined

export function assetUrls(): AssetUrls {
  if (cached) return cached
  try {
    cached = JSON.parse(readFileSync(`${publicDir}build/manifest.json`, 'utf8')) as AssetUrls
  } catch {
    throw new Error('Browser assets are not built: run `npm run build` (npm start and npm test do it for you)')
  }
  return cached
}

/** One string naming this build of every asset: pages whose ETag includes it change with any of them. */
export function assetBuild(): string {
  cachedBuild ??= Object.values(assetUrls()).join(' ')
  return cachedBuild
}
