import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { forYouScore, rankForYou, type Candidate } from './ranking.ts'
import { decodeChrono, decodeRank, encodeChrono, encodeRank } from './cursor.ts'

const now = new Date('2026-11-25T12:00:00Z')
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000)
const candidate = (overrides: Partial<Candidate>): Candidate => ({ id: 1, publishedAt: now, claps: 0, fans: 0, followed: null, seen: false, ...overrides })

describe('For you ranking', () => {
  it("puts a followed writer's new story above one three readers gave ten claps each", () => {
    const followed = candidate({ id: 1, followed: 'source' })
    const applauded = candidate({ id: 2, claps: 30, fans: 3 })
    assert.deepEqual(rankForYou([applauded, followed], now).map((c) => c.id), [1, 2])
  })
  it('lets a story dozens applaud outrank a quiet followed one', () => {
    const followed = candidate({ id: 1, followed: 'source' })
    const hit = candidate({ id: 2, claps: 600, fans: 60 })
    assert.deepEqual(rankForYou([followed, hit], now).map((c) => c.id), [2, 1])
  })
  it('halves a story\'s weight every two days', () => {
    const fresh = forYouScore(candidate({ followed: 'tag' }), now)
    assert.ok(Math.abs(forYouScore(candidate({ followed: 'tag', publishedAt: hoursAgo(48) }), now) - fresh / 2) < 1e-9)
  })
  it('sinks what the reader already clapped for or highlighted', () => {
    const unread = candidate({ id: 1, followed: 'source', publishedAt: hoursAgo(24) })
    const read = candidate({ id: 2, followed: 'source', seen: true })
    assert.deepEqual(rankForYou([read, unread], now).map((c) => c.id), [1, 2])
  })
  it('orders any set totally and the same way every time', () => {
    const arbitrary = fc.record({
      id: fc.integer({ min: 1, max: 1000 }), hours: fc.integer({ min: 0, max: 720 }), claps: fc.integer({ min: 0, max: 5000 }),
      fans: fc.integer({ min: 0, max: 100 }), followed: fc.constantFrom('source' as const, 'tag' as const, null), seen: fc.boolean(),
    })
    fc.assert(fc.property(fc.uniqueArray(arbitrary, { selector: (c) => c.id, maxLength: 30 }), (rows) => {
      const candidates = rows.map((r) => candidate({ id: r.id, publishedAt: hoursAgo(r.hours), claps: r.claps, fans: r.fans, followed: r.followed, seen: r.seen }))
      const once = rankForYou(candidates, now).map((c) => c.id)
      assert.deepEqual(rankForYou([...candidates].reverse(), now).map((c) => c.id), once)
    }))
  })
})

describe('feed cursors', () => {
  it('round-trip, and anything we did not write reads as no cursor', () => {
    const chrono = { publishedAt: new Date('2026-11-20T10:00:00.123Z'), id: 42 }
    assert.deepEqual(decodeChrono(encodeChrono(chrono)), chrono)
    const rank = { asOf: now, offset: 30 }
    assert.deepEqual(decodeRank(encodeRank(rank)), rank)
    for (const garbage of [undefined, '', 'abc', encodeRank(rank), Buffer.from('c:nope:1').toString('base64url'), 'x'.repeat(500)]) {
      assert.equal(decodeChrono(garbage), undefined)
    }
    assert.equal(decodeRank(encodeChrono(chrono)), undefined)
  })
})
