// The dependency rules of STYLE.md, checked: foundations never import a feature, and a feature
// reaches another feature only through its service (or its pure helpers), never its queries,
// presenters or routes.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const src = new URL('.', import.meta.url).pathname
const foundations = new Set(['db', 'http', 'web', 'jobs', 'testing'])
const privateModules = /\/(queries|present|routes|api-routes|page-routes|write-routes)\.tsx?$/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((match) => join(file, '..', match[1] as string))
}

const featureOf = (path: string) => relative(src, path).split('/')[0] ?? ''

describe('architecture', () => {
  const files = sourceFiles(src).filter((file) => relative(src, file).includes('/'))

  it('keeps foundations free of features', () => {
    const offenders = files
      .filter((file) => foundations.has(featureOf(file)) && featureOf(file) !== 'testing')
      .flatMap((file) => importsOf(file).filter((target) => {
        const feature = featureOf(target)
        return target.startsWith(src) && feature.includes('.') === false && !foundations.has(feature) && feature !== 'config.ts'
      }).map((target) => `${relative(src, file)} → ${relative(src, target)}`))
    assert.deepEqual(offenders, [])
  })

  it('lets features reach each other only through services', () => {
    const offenders = files
      .filter((file) => !foundations.has(featureOf(file)))
      .flatMap((file) => importsOf(file).filter((target) => {
        const feature = featureOf(target)
        return feature !== featureOf(file) && !foundations.has(feature) && privateModules.test(target)
      }).map((target) => `${relative(src, file)} → ${relative(src, target)}`))
    assert.deepEqual(offenders, [])
  })
})
