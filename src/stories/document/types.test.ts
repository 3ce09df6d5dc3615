import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { newBlockId, uniqueBlockId } from './types.ts'

describe('block ids', () => {
  it('are six characters from a-z and 0-9', () => {
    for (let i = 0; i < 1000; i += 1) assert.match(newBlockId(), /^[a-z0-9]{6}$/)
  })

  it('avoid the ids already in use', () => {
    const used = new Set<string>()
    for (let i = 0; i < 5000; i += 1) uniqueBlockId(used)
    assert.equal(used.size, 5000)
  })
})
