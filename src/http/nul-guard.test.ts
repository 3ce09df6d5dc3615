import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { fieldWithNul } from './nul-guard.ts'

describe('NUL guard', () => {
  it('names the field whose text holds NUL, at any depth', () => {
    assert.equal(fieldWithNul({ article: { title: 'fine', tagList: ['ok', 'a\u0000b'] } }), 'tagList')
    assert.equal(fieldWithNul({ slug: 'a\u0000b' }), 'slug')
  })

  it('finds NUL in a field name too', () => {
    assert.equal(fieldWithNul({ user: { 'x\u0000': 1 } }, 'body'), 'user')
  })

  it('lets everything else through, however deep', () => {
    const deep = JSON.parse('['.repeat(5000) + '"\\u00e9"' + ']'.repeat(5000)) as unknown
    assert.equal(fieldWithNul({ title: 'Ночные поезда 🚂', count: 3, none: null, deep }), undefined)
  })
})
