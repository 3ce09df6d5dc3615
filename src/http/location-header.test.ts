import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { encodeLocation } from './location-header.ts'

describe('Location header encoding', () => {
  it('percent-encodes the letters of a story slug that a header cannot carry', () => {
    assert.equal(encodeLocation('/@ana/ночные-поезда-1a2b3c4d5e6f'), '/@ana/%D0%BD%D0%BE%D1%87%D0%BD%D1%8B%D0%B5-%D0%BF%D0%BE%D0%B5%D0%B7%D0%B4%D0%B0-1a2b3c4d5e6f')
  })

  it('leaves an ASCII location, and what is already encoded, as it is', () => {
    assert.equal(encodeLocation('/signin?next=%2Fnew-story'), '/signin?next=%2Fnew-story')
  })

  it('encodes spaces and emoji, and a lone surrogate as the replacement character', () => {
    assert.equal(encodeLocation('/tag/night trains 🚂'), '/tag/night%20trains%20%F0%9F%9A%82')
    assert.equal(encodeLocation('/x\uD800'), '/x%EF%BF%BD')
  })
})
