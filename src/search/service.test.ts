import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { sql } from 'kysely'
import { engines, openTestDb } from '../testing/databases.ts'
import { makeReaders, makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import type { Db } from '../db/database.ts'
import { clap } from '../claps/service.ts'
import { createPublication } from '../publications/service.ts'
import { deleteStory, updateStory } from '../stories/service.ts'
import { updateUser as updateProfile } from '../accounts/service.ts'
import { follow } from '../profiles/service.ts'
import { explainStorySearch, searchPeople, searchPublications, searchStories } from './service.ts'

/** A word no other test uses, so each test sees only its own stories in a shared database. */
const word = () => `w${randomBytes(5).toString('hex')}`
const page = { limit: 20, offset: 0 }
const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`

for (const engine of engines()) {
  describe(`search (${engine})`, () => {
    let db: Db
    before(async () => { db = await openTestDb(engine) })
    after(() => db.close())

    const titles = async (q: string) => (await searchStories(db, q, page, null)).hits.map((hit) => hit.story.row.title)

    describe('stories', () => {
      it('finds a story by a word of its title, subtitle, body or tags', async () => {
        const { user } = await makeUser(db)
        const [a, b, c, d] = [word(), word(), word(), word()]
        await makeStory(db, user.id, { title: `Title ${a}`, subtitle: `Sub ${b}`, body: `Body ${c} here.`, tags: [`Tag${d}`] })
        for (const w of [a, b, c, `tag${d}`]) assert.deepEqual(await titles(w), [`Title ${a}`], w)
      })

      it('ranks title matches first, then relevance, then claps', async () => {
        const { user } = await makeUser(db)
        const w = word()
        // Relevance alone would put the body-only story first: the word is all over it.
        await makeStory(db, user.id, { title: 'Only in the body', body: `${w} ${w} ${w} ${w} ${w}` })
        await makeStory(db, user.id, { title: `A ${w} in the title`, body: 'Nothing more to say.' })
        await makeStory(db, user.id, { title: 'Once in a long body', body: `${w} ${'and so on '.repeat(60)}` })
        assert.deepEqual(await titles(w), [`A ${w} in the title`, 'Only in the body', 'Once in a long body'])
      })

      it('breaks a tie in relevance by claps', async () => {
        const { user } = await makeUser(db)
        const w = word()
        const quiet = await makeStory(db, user.id, { title: 'Same words', body: `Exactly ${w} the same.` })
        const loud = await makeStory(db, user.id, { title: 'Same words', body: `Exactly ${w} the same.` })
        const [reader] = await makeReaders(db, 1)
        await clap(db, reader!.id, slugOf(loud), 30)
        const ids = (await searchStories(db, w, page, null)).hits.map((hit) => hit.story.row.id)
        assert.deepEqual(ids, [loud.row.id, quiet.row.id])
        await clap(db, reader!.id, slugOf(quiet), 1)
        const [other] = await makeReaders(db, 1)
        await clap(db, other!.id, slugOf(quiet), 50)
        assert.deepEqual((await searchStories(db, w, page, null)).hits.map((hit) => hit.story.row.id), [quiet.row.id, loud.row.id])
      })

      it('matches a quoted phrase only with its words side by side, in order', async () => {
        const { user } = await makeUser(db)
        const [a, b] = [word(), word()]
        await makeStory(db, user.id, { title: 'Together', body: `The ${a} ${b} goes by.` })
        await makeStory(db, user.id, { title: 'Reversed', body: `The ${b} ${a} goes by.` })
        await makeStory(db, user.id, { title: 'Apart', body: `The ${a} goes, and then a ${b}.` })
        assert.deepEqual(await titles(`"${a} ${b}"`), ['Together'])
        assert.deepEqual((await titles(`${a} ${b} `)).sort(), ['Apart', 'Reversed', 'Together'])
      })

      it('matches longer phrases only when all their words are side by side, and typed-on phrases as a prefix', async () => {
        // PostgreSQL answers phrases from an index of word pairs: "a b c" needs 'a b' and 'b c',
        // which the second story has too, apart.
        const { user } = await makeUser(db)
        const [a, b, c] = [word(), word(), word()]
        await makeStory(db, user.id, { title: 'In a row', body: `Then ${a} ${b} ${c} at last.` })
        await makeStory(db, user.id, { title: 'Apart', body: `Then ${a} ${b}, and ${b} ${c}.` })
        assert.deepEqual(await titles(`"${a} ${b} ${c}"`), ['In a row'])
        assert.deepEqual((await titles(`"${a} ${b}"`)).sort(), ['Apart', 'In a row'])
        assert.deepEqual(await titles(`"${a} ${b} ${c.slice(0, 6)}`), ['In a row'], 'an open phrase ends in a prefix')
        assert.deepEqual((await titles(`"${b} ${c.slice(0, 6)}`)).sort(), ['Apart', 'In a row'])
        assert.equal((await searchStories(db, `"${a} ${b}" "${b} ${c}"`, page, null)).count, 2)
        assert.deepEqual(await titles(`"${c} ${a}"`), [], 'words out of order')
      })

      it('matches the last word as a prefix, for type-ahead', async () => {
        const { user } = await makeUser(db)
        const w = word()
        await makeStory(db, user.id, { title: `${w}sleeper carriages` })
        assert.deepEqual(await titles(w), [`${w}sleeper carriages`])
        assert.deepEqual(await titles(`${w}sleep`), [`${w}sleeper carriages`])
        assert.deepEqual(await titles(`${w}sleep `), [], 'a finished word is matched whole')
        assert.deepEqual(await titles(`"${w}sleeper carr`), [`${w}sleeper carriages`], 'inside an open phrase too')
      })

      it('finds words in any script, folding case', async () => {
        const { user } = await makeUser(db)
        const w = word()
        await makeStory(db, user.id, { title: `Über Zürich ${w}`, body: `Привет, мир. Café crème. 東京タワー ${w}` })
        for (const q of [`zürich ${w}`, `ÜBER ${w}`, `привет ${w}`, `ПРИВЕТ ${w}`, `"café crème" ${w}`, `東京タワー ${w}`, `Zür`]) {
          assert.ok((await titles(q)).includes(`Über Zürich ${w}`), q)
        }
      })

      it('marks the matched words in a snippet of the body', async () => {
        const { user } = await makeUser(db)
        const w = word()
        await makeStory(db, user.id, { title: 'Snippets', body: `A first paragraph.\n\nThe <b>${w}</b> & the night train.` })
        const [hit] = (await searchStories(db, w, page, null)).hits
        const marked = hit!.snippet.filter((piece) => piece.match).map((piece) => piece.text)
        assert.deepEqual(marked, [w])
        assert.ok(hit!.snippet.map((piece) => piece.text).join('').includes('& the night'))
      })

      it('finds only published stories: not drafts, not unlisted ones', async () => {
        const { user } = await makeUser(db)
        const w = word()
        await makeStory(db, user.id, { title: `Draft ${w}`, status: 'draft' })
        await makeStory(db, user.id, { title: `Unlisted ${w}`, status: 'unlisted' })
        await makeStory(db, user.id, { title: `Published ${w}` })
        assert.deepEqual(await titles(w), [`Published ${w}`])
        assert.equal((await searchStories(db, w, page, user.id)).count, 1)
      })

      it('follows edits: a new title, body and tags are found, the old ones no longer', async () => {
        const { user } = await makeUser(db)
        const [before1, before2, before3, after1, after2, after3] = [word(), word(), word(), word(), word(), word()]
        const story = await makeStory(db, user.id, { title: `Old ${before1}`, body: `Old ${before2}`, tags: [before3] })
        await updateStory(db, user.id, slugOf(story), { title: `New ${after1}`, body: `New ${after2}`, tags: [after3] })
        for (const w of [before1, before2, before3]) assert.deepEqual(await titles(w), [], w)
        for (const w of [after1, after2, after3]) assert.deepEqual(await titles(w), [`New ${after1}`], w)
        await updateStory(db, user.id, slugOf(story), { status: 'draft' })
        assert.deepEqual(await titles(after1), [], 'unpublished')
      })

      it('forgets a deleted story', async () => {
        const { user } = await makeUser(db)
        const w = word()
        const story = await makeStory(db, user.id, { title: `Doomed ${w}` })
        await deleteStory(db, user.id, slugOf(story))
        assert.deepEqual(await searchStories(db, w, page, null), { hits: [], count: 0 })
      })

      it('pages through results and counts them all', async () => {
        const { user } = await makeUser(db)
        const w = word()
        for (let i = 0; i < 5; i++) await makeStory(db, user.id, { title: `Part ${i} ${w}` })
        const first = await searchStories(db, w, { limit: 2, offset: 0 }, null)
        const third = await searchStories(db, w, { limit: 2, offset: 4 }, null)
        assert.equal(first.count, 5)
        assert.equal(first.hits.length, 2)
        assert.equal(third.hits.length, 1)
      })

      it('reads injection-looking queries as text, and never fails on any input', async () => {
        const { user } = await makeUser(db)
        const w = word()
        await makeStory(db, user.id, { title: `Drop ${w}`, body: `or table near ${w}` })
        for (const q of [`'; drop table stories; --`, 'OR 1=1', '" OR ""="', 'NEAR(', 'a NEAR b', '*', '"', '-', `${w}*`, `-${w}`, `title:${w}`, `{title}: ${w}`, '\\', '\u0000', '%', '_', '😀', '\u0301']) {
          await searchStories(db, q, page, null)
        }
        assert.deepEqual(await titles(`drop ${w} OR table`), [`Drop ${w}`], 'OR is a word, not an operator')
        assert.deepEqual(await titles(`near(${w}`), [`Drop ${w}`], 'NEAR( is a word, not a function')
        await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (q) => {
          await searchStories(db, q, page, null)
          await searchPeople(db, q, page, null)
          await searchPublications(db, q, page)
        }), { numRuns: 60 })
        assert.ok((await db.kysely.selectFrom('stories').select('id').limit(1).execute()).length, 'stories still there')
      })

      it('serves a story search from the full-text index', async () => {
        if (engine === 'postgres') {
          // On a handful of rows any plan is cheap and PostgreSQL may well scan; with a couple of
          // thousand published stories (and statistics) only the GIN index narrows a search.
          const { user } = await makeUser(db)
          await sql`insert into stories (short_id, slug, author_id, title, subtitle, body, status, reading_time, word_count, published_at, created_at, updated_at, search_text)
            select 'filler' || n, 'filler', ${user.id}, 'Filler ' || n, '', '{"version":1,"blocks":[]}', 'published', 1, 1, now(), now(), now(), 'words words ' || n
            from generate_series(1, 3000) as n`.execute(db.kysely)
          await sql`analyze stories`.execute(db.kysely)
        }
        const plan = await explainStorySearch(db, 'night train')
        if (engine === 'sqlite') assert.match(plan, /SCAN f VIRTUAL TABLE INDEX \d+:M/)
        else assert.match(plan, /Bitmap Index Scan on story_search_vector/)
      })
    })

    describe('people', () => {
      it('finds people by name, username or bio, name matches first, with the reader’s follows', async () => {
        const w = word()
        const named = await makeUser(db, { name: `Mara ${w}` })
        const bio = await makeUser(db, { name: 'Someone Else' })
        await updateProfile(db, bio.user.id, { bio: `Writes about ${w} and trains.` })
        const reader = await makeUser(db)
        await follow(db, reader.user.id, named.user.username)
        const { hits, count } = await searchPeople(db, w, page, reader.user.id)
        assert.equal(count, 2)
        assert.deepEqual(hits.map((hit) => [hit.username, hit.following]), [[named.user.username, true], [bio.user.username, false]])
        assert.deepEqual(hits[1]!.bioMarked.filter((piece) => piece.match).map((piece) => piece.text), [w])
        assert.deepEqual((await searchPeople(db, named.user.username, page, null)).hits.map((hit) => hit.username), [named.user.username])
      })

      it('follows profile edits', async () => {
        const [before1, after1] = [word(), word()]
        const { user } = await makeUser(db, { name: `Name ${before1}` })
        await updateProfile(db, user.id, { name: `Name ${after1}` })
        assert.equal((await searchPeople(db, before1, page, null)).count, 0)
        assert.equal((await searchPeople(db, after1, page, null)).count, 1)
      })
    })

    describe('publications', () => {
      it('finds publications by name, slug or tagline, name matches first', async () => {
        const { user } = await makeUser(db)
        const w = word()
        const first = uniqueName('pub').replace(/_/g, '-')
        const second = uniqueName('pub').replace(/_/g, '-')
        await createPublication(db, { slug: second, name: 'The Other One', tagline: `All about ${w}`, ownerId: user.id })
        await createPublication(db, { slug: first, name: `The ${w} Review`, ownerId: user.id })
        const { hits, count } = await searchPublications(db, w, page)
        assert.equal(count, 2)
        assert.deepEqual(hits.map((hit) => hit.slug), [first, second])
        assert.deepEqual(hits[0]!.nameMarked.filter((piece) => piece.match).map((piece) => piece.text), [w])
        assert.deepEqual((await searchPublications(db, second, page)).hits.map((hit) => hit.slug), [second])
      })
    })
  })
}
