// The feed's queries must cost what the reader follows, not what the site holds: SQLite's plan
// for each starts from the reader's follows (a primary-key range) and reaches stories by index.
// (PostgreSQL plans by statistics; the benchmark measures it at scale.)
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Compilable } from 'kysely'
import { openTestDb } from '../testing/databases.ts'
import type { Db } from '../db/database.ts'
import { queryFollowedPublications, queryFollowedTags, queryFollowedTagsByRecency, queryFollowedWriters } from './queries.ts'

describe('feed query plans (sqlite)', () => {
  let db: Db
  before(async () => { db = await openTestDb('sqlite') })
  after(() => db.close())

  async function plan(query: Compilable): Promise<string[]> {
    const compiled = query.compile()
    const { rows } = await db.kysely.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` })
    return rows.map((row) => row.detail)
  }
  const cursor = { publishedAt: new Date('2026-11-01T00:00:00Z'), id: 500 }

  for (const [name, build, first, stories] of [
    ['writers', queryFollowedWriters, /^SEARCH follows USING .*INDEX \w+ \(follower_id=\?\)/, /^SEARCH stories USING INDEX stories_author_\w+ \(author_id=\?/],
    ['publications', queryFollowedPublications, /^SEARCH publication_follows USING .*INDEX \w+ \(user_id=\?\)/, /^SEARCH stories USING INDEX stories_publication_\w+ \(publication_id=\?/],
    ['tags', queryFollowedTags, /^SEARCH tag_follows USING .*INDEX \w+ \(user_id=\?\)/, /^SEARCH stories USING INTEGER PRIMARY KEY/],
  ] as const) {
    for (const since of [undefined, new Date('2026-10-01T00:00:00Z')]) {
      it(`reads the ${name} feed from the reader's follows, through indexes${since ? ' (For you: the last days)' : ''}`, async () => {
        const steps = await plan(build(db.kysely, 1, cursor, 20, since))
        assert.match(steps[0] ?? '', first, steps.join('\n'))
        assert.ok(steps.some((step) => stories.test(step)), steps.join('\n'))
        assert.ok(!steps.some((step) => /^SCAN stories/.test(step)), steps.join('\n'))
      })
    }
  }

  it('reads the tags of many stories down the newest published stories, never scanning the table', async () => {
    const steps = await plan(queryFollowedTagsByRecency(db.kysely, 1, cursor, 20))
    assert.match(steps[0] ?? '', /^SEARCH stories USING INDEX stories_status_published \(status=\? AND published_at<\?\)/, steps.join('\n'))
    assert.ok(!steps.some((step) => /^SCAN/.test(step)), steps.join('\n'))
  })
})
