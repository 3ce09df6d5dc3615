// Who may do what: the whole authorisation table, written out as documentation and checked
// against real people, publications and stories on every database (issue 4).
//
// The cast, all about one publication P:
//   anonymous     signed out
//   reader        signed in, no part of P
//   author        a writer of P, who wrote the story
//   writer        another writer of P
//   editor        an editor of P
//   owner         the owner of P
//   other-editor  an editor of another publication, Q
// Y: allowed, -: refused.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../db/database.ts'
import { engines, openTestDb } from '../testing/databases.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { createPublication, setMember } from '../publications/service.ts'
import { publishSubmission, submitStory } from '../stories/service.ts'
import { actorFor, may, publicationActions, responseActions, storyActions, storySubject, type Actor, type StorySubject } from './service.ts'

const ROLES = ['anonymous', 'reader', 'author', 'writer', 'editor', 'owner', 'other-editor'] as const
type Role = (typeof ROLES)[number]

const DRAFT_IN_PUBLICATION = `
                           anonymous reader author writer editor owner other-editor
read                           -       -      Y      -      -     -        -
read-draft                     -       -      Y      -      -     -        -
edit                           -       -      Y      -      -     -        -
delete                         -       -      Y      -      -     -        -
submit                         -       -      Y      -      -     -        -
withdraw                       -       -      -      -      -     -        -
publish                        -       -      -      -      -     -        -
unpublish                      -       -      -      -      -     -        -
return                         -       -      -      -      -     -        -
note                           -       -      -      -      -     -        -
remove-from-publication        -       -      Y      -      -     -        -
pin                            -       -      -      -      -     -        -
clap                           -       -      -      -      -     -        -
respond                        -       -      Y      -      -     -        -
`

const SUBMITTED = `
                           anonymous reader author writer editor owner other-editor
read                           -       -      Y      -      Y     Y        -
read-draft                     -       -      Y      -      Y     Y        -
edit                           -       -      Y      -      Y     Y        -
delete                         -       -      Y      -      -     -        -
submit                         -       -      -      -      -     -        -
withdraw                       -       -      Y      -      -     -        -
publish                        -       -      -      -      Y     Y        -
unpublish                      -       -      -      -      -     -        -
return                         -       -      -      -      Y     Y        -
note                           -       -      -      -      Y     Y        -
remove-from-publication        -       -      Y      -      Y     Y        -
pin                            -       -      -      -      -     -        -
clap                           -       -      -      -      -     -        -
respond                        -       -      -      -      -     -        -
`

const PUBLISHED_IN_PUBLICATION = `
                           anonymous reader author writer editor owner other-editor
read                           Y       Y      Y      Y      Y     Y        Y
read-draft                     -       -      -      -      -     -        -
edit                           -       -      Y      -      Y     Y        -
delete                         -       -      Y      -      -     -        -
submit                         -       -      -      -      -     -        -
withdraw                       -       -      -      -      -     -        -
publish                        -       -      -      -      -     -        -
unpublish                      -       -      Y      -      Y     Y        -
return                         -       -      -      -      -     -        -
note                           -       -      -      -      -     -        -
remove-from-publication        -       -      Y      -      Y     Y        -
pin                            -       -      -      -      Y     Y        -
clap                           -       Y      -      Y      Y     Y        Y
respond                        -       Y      Y      Y      Y     Y        Y
`

// The author's own draft outside any publication: theirs alone, published by them directly.
const DRAFT_ON_PROFILE = `
                           anonymous reader author writer editor owner other-editor
read                           -       -      Y      -      -     -        -
edit                           -       -      Y      -      -     -        -
delete                         -       -      Y      -      -     -        -
submit                         -       -      -      -      -     -        -
publish                        -       -      Y      -      -     -        -
remove-from-publication        -       -      -      -      -     -        -
respond                        -       -      Y      -      -     -        -
`

// A response by the reader to the author's published story.
const RESPONSE = `
                           anonymous reader author writer editor owner other-editor
delete-response                -       Y      Y      -      -     -        -
edit-response                  -       Y      -      -      -     -        -
hide-response                  -       -      Y      -      -     -        -
clap-response                  -       -      Y      Y      Y     Y        Y
`

const PUBLICATION = `
                           anonymous reader author writer editor owner other-editor
read-submissions               -       -      -      -      Y     Y        -
manage-members                 -       -      -      -      -     Y        -
change-settings                -       -      -      -      -     Y        -
add-story                      -       -      Y      Y      Y     Y        -
leave                          -       -      Y      Y      Y     Y        -
`

type Expected = Map<string, Map<Role, boolean>>

function parseTable(table: string): Expected {
  const [header, ...rows] = table.trim().split('\n').map((line) => line.trim().split(/\s+/))
  assert.deepEqual(header, [...ROLES], 'every table has one column per role, in order')
  return new Map(rows.map((cells) => {
    const [action, ...marks] = cells as [string, ...string[]]
    assert.equal(marks.length, ROLES.length, `row ${action} has a mark for every role`)
    return [action, new Map(ROLES.map((role, i) => [role, marks[i] === 'Y']))]
  }))
}

function mismatches(expected: Expected, actual: (action: string, role: Role) => boolean): string[] {
  return [...expected].flatMap(([action, row]) => [...row].flatMap(([role, allowed]) =>
    actual(action, role) === allowed ? [] : [`${role} ${allowed ? 'should' : 'should not'} be allowed to ${action}`]))
}

for (const engine of engines()) {
  describe(`the authorisation table (${engine})`, () => {
    let db: Db
    const actors = new Map<Role, Actor>()
    let publicationId: number
    const stories = new Map<string, StorySubject>()

    before(async () => {
      db = await openTestDb(engine)
      const people = new Map<Role, number>()
      for (const role of ROLES.slice(1)) people.set(role, (await makeUser(db)).user.id)
      const id = (role: Role) => people.get(role) as number
      const suffix = Math.random().toString(36).slice(2, 8)
      publicationId = await createPublication(db, { slug: `p-${suffix}`, name: 'P', ownerId: id('owner') })
      const other = await createPublication(db, { slug: `q-${suffix}`, name: 'Q', ownerId: (await makeUser(db)).user.id })
      await setMember(db, publicationId, id('author'), 'writer', null)
      await setMember(db, publicationId, id('writer'), 'writer', null)
      await setMember(db, publicationId, id('editor'), 'editor', null)
      await setMember(db, other, id('other-editor'), 'editor', null)
      for (const role of ROLES) actors.set(role, await actorFor(db, people.get(role) ?? null))

      const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`
      const draft = await makeStory(db, id('author'), { publication: `p-${suffix}`, status: 'draft' })
      const submitted = await makeStory(db, id('author'), { publication: `p-${suffix}`, status: 'draft' })
      await submitStory(db, id('author'), slugOf(submitted))
      // Asking to publish in a publication where one is a writer submits instead.
      const published = await makeStory(db, id('author'), { publication: `p-${suffix}` })
      assert.equal(published.row.status, 'submitted')
      await publishSubmission(db, id('editor'), slugOf(published))
      const own = await makeStory(db, id('author'), { status: 'draft' })
      const subjectOf = async (slug: string) => {
        const row = await db.kysely.selectFrom('stories').select(['author_id', 'status', 'publication_id']).where('short_id', '=', slug.slice(slug.lastIndexOf('-') + 1)).executeTakeFirstOrThrow()
        return storySubject(row)
      }
      stories.set('draft', await subjectOf(slugOf(draft)))
      stories.set('submitted', await subjectOf(slugOf(submitted)))
      stories.set('published', await subjectOf(slugOf(published)))
      stories.set('own', await subjectOf(slugOf(own)))
    })
    after(() => db.close())

    const storyCases = [
      ['a draft in the publication', 'draft', DRAFT_IN_PUBLICATION],
      ['a submission in the queue', 'submitted', SUBMITTED],
      ['a story published in the publication', 'published', PUBLISHED_IN_PUBLICATION],
      ["a draft on the author's own profile", 'own', DRAFT_ON_PROFILE],
    ] as const
    for (const [name, key, table] of storyCases) {
      it(`decides every action on ${name} as the table says`, () => {
        const story = stories.get(key) as StorySubject
        assert.equal(story.status, key === 'own' ? 'draft' : key, 'the story is in the state the table describes')
        const wrong = mismatches(parseTable(table), (action, role) => may(actors.get(role) ?? null, action as (typeof storyActions)[number], story))
        assert.deepEqual(wrong, [])
      })
    }

    it('covers every story action in the tables', () => {
      for (const table of [DRAFT_IN_PUBLICATION, SUBMITTED, PUBLISHED_IN_PUBLICATION]) assert.deepEqual([...parseTable(table).keys()].sort(), [...storyActions].sort())
    })

    it('decides every action on the publication as the table says', () => {
      const expected = parseTable(PUBLICATION)
      assert.deepEqual([...expected.keys()].sort(), [...publicationActions].sort())
      const wrong = mismatches(expected, (action, role) => may(actors.get(role) ?? null, action as (typeof publicationActions)[number], { kind: 'publication', id: publicationId }))
      assert.deepEqual(wrong, [])
    })

    it('decides every action on a response as the table says', () => {
      const story = stories.get('published') as StorySubject
      const response = { kind: 'response' as const, authorId: (actors.get('reader') as { id: number }).id, story }
      const expected = parseTable(RESPONSE)
      assert.deepEqual([...expected.keys()].sort(), [...responseActions].sort())
      const wrong = mismatches(expected, (action, role) => may(actors.get(role) ?? null, action as (typeof responseActions)[number], response))
      assert.deepEqual(wrong, [])
    })
  })
}
