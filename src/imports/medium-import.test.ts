import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import sharp from 'sharp'
import { engines, openTestDb } from '../testing/databases.ts'
import { makeUser } from '../testing/factories.ts'
import type { Db } from '../db/database.ts'
import type { StoryDocument } from '../stories/document/types.ts'
import { readFolder, readZip } from './medium/archive.ts'
import { importMediumArchive } from './medium-import.ts'
import { retryUnfetchedImages } from './retry-images.ts'
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from './remote-image.ts'
import { FIXTURE_EXPORT, memoryImageStore, zipFolder } from './testing.ts'

// No test touches the internet: Medium's image host "resolves" to 127.0.0.1, which the default
// policy refuses as not public, so those images come out unfetched, as they would offline.
const offline: FetchPolicy = { ...DEFAULT_FETCH_POLICY, lookup: async () => [{ address: '127.0.0.1', family: 4 }], retries: 0 }

const TIDE_FILE = '2021-03-04_The-Tide-Tables-of-Wenlow-3f2a1b4c5d6e.html'

async function storyRows(db: Db, authorId: number) {
  const rows = await db.kysely.selectFrom('stories').selectAll().where('author_id', '=', authorId).orderBy('id').execute()
  const tags = await db.kysely.selectFrom('story_tags').innerJoin('tags', 'tags.id', 'story_tags.tag_id')
    .select(['story_tags.story_id', 'tags.name']).orderBy('story_tags.position').execute()
  return rows.map((row) => ({ ...row, document: JSON.parse(row.body) as StoryDocument, tags: tags.filter((t) => t.story_id === row.id).map((t) => t.name) }))
}

for (const engine of engines()) {
  describe(`Medium import (${engine})`, () => {
    let db: Db
    before(async () => { db = await openTestDb(engine) })
    after(() => db.close())

    it('turns every graf of the fixture story into the block it stands for, with Medium’s names as ids', async () => {
      const { user } = await makeUser(db)
      const images = memoryImageStore()
      const report = await importMediumArchive(db, readZip(zipFolder(FIXTURE_EXPORT, {}, 'medium-export/')), { userId: user.id, images, fetchPolicy: offline, baseUrl: 'http://127.0.0.1:3000' })
      assert.deepEqual(report.failed, [])
      assert.equal(report.imported.length, 2)
      const [story] = (await storyRows(db, user.id)).filter((row) => row.title === 'The Tide Tables of Wenlow')
      assert.ok(story)
      assert.equal(story.subtitle, 'How a harbour town learned to read the sea')
      assert.equal(story.status, 'published')
      assert.equal(new Date(story.published_at as string).toISOString(), '2021-03-04T09:15:00.000Z')
      assert.equal(story.canonical_url, 'https://medium.com/@harbourmaster/the-tide-tables-of-wenlow-3f2a1b4c5d6e')
      assert.deepEqual(story.tags, ['Tides', 'Local History'])
      const blocks = story.document.blocks
      // The title and subtitle grafs Medium repeats at the top are not body text.
      assert.deepEqual(blocks.map((b) => `${b.id}:${b.type}`), [
        'c003:paragraph', 'c004:heading', 'c005:heading', 'c006:quote', 'c007:pullquote', 'c008:code', 'l-c009:list', 'l-c00b:list',
        's-a0b2:divider', 'c00d:image', 'c00e:image', 'c00f:embed', 'c010:embed', 'c011:embed', 'c012:paragraph',
      ])
      assert.deepEqual(blocks[0], { id: 'c003', type: 'paragraph', content: [
        { text: 'Every morning the harbour master chalks ' }, { text: 'two numbers', marks: [{ type: 'bold' }] }, { text: ' on the board: the ' },
        { text: 'high', marks: [{ type: 'italic' }] }, { text: ' water and the ' }, { text: 'low', marks: [{ type: 'link', href: 'https://example.org/tides' }] },
        { text: ', and the command ' }, { text: 'tide --today', marks: [{ type: 'code' }] }, { text: ' prints them.' },
      ] })
      assert.deepEqual(blocks[1], { id: 'c004', type: 'heading', level: 2, content: [{ text: 'Reading the board' }] })
      assert.deepEqual(blocks[2], { id: 'c005', type: 'heading', level: 3, content: [{ text: 'A smaller heading' }] })
      assert.deepEqual(blocks[3], { id: 'c006', type: 'quote', content: [{ text: 'The sea keeps better time than the church clock.' }] })
      assert.deepEqual(blocks[4], { id: 'c007', type: 'pullquote', content: [{ text: 'Two tides a day, and never at the same hour.' }] })
      assert.deepEqual(blocks[5], { id: 'c008', type: 'code', text: 'high = 6.2 m\nlow  = 0.8 m' })
      assert.deepEqual(blocks[6], { id: 'l-c009', type: 'list', ordered: false, items: [
        { id: 'c009', content: [{ text: 'Spring tides follow the full moon' }] },
        { id: 'c00a', content: [{ text: 'Neap tides follow the ' }, { text: 'quarter', marks: [{ type: 'bold' }] }, { text: ' moon' }] },
      ] })
      assert.deepEqual(blocks[7], { id: 'l-c00b', type: 'list', ordered: true, items: [
        { id: 'c00b', content: [{ text: 'Read the board' }] }, { id: 'c00c', content: [{ text: 'Check the wind' }] },
      ] })
      // The zip holds the chart: it is stored; the harbour photo lives only on Medium's servers.
      const chart = blocks[9]
      assert.equal(chart?.type, 'image')
      assert.match((chart as { src: string }).src, /^\/media\/[0-9a-f]{24}-320x180\.webp$/)
      assert.ok(images.saved.has((chart as { src: string }).src))
      assert.deepEqual({ ...chart, src: '' }, { id: 'c00d', type: 'image', src: '', alt: 'The chart from 1902', width: 320, height: 180,
        caption: [{ text: 'The chart from ' }, { text: '1902', marks: [{ type: 'italic' }] }] })
      assert.deepEqual(blocks[10], { id: 'c00e', type: 'image', src: 'https://cdn-images-1.medium.com/max/800/1*harbour-gone.jpeg',
        alt: 'The harbour at dawn', caption: [{ text: 'The harbour at dawn' }], width: 1200, height: 800 })
      assert.deepEqual(blocks[11], { id: 'c00f', type: 'embed', url: 'https://example.org/ferries', caption: [{ text: 'The slow ferry', marks: [{ type: 'bold' }] }] })
      assert.deepEqual(blocks[12], { id: 'c010', type: 'embed', url: 'https://www.youtube.com/embed/tide123', caption: [{ text: 'A time-lapse of one day' }] })
      // A gist's script becomes a link to the gist.
      assert.deepEqual(blocks[13], { id: 'c011', type: 'embed', url: 'https://gist.github.com/harbourmaster/0123456789abcdef0123' })
      // A javascript: link keeps its words and loses the link.
      assert.deepEqual(blocks[14], { id: 'c012', type: 'paragraph', content: [{ text: 'Come down at six and see for yourself.' }] })
      assert.deepEqual(report.unfetchedImages.map((i) => i.url).sort(), [
        'https://cdn-images-1.medium.com/fit/c/400/400/1*avatar.png', 'https://cdn-images-1.medium.com/max/800/1*harbour-gone.jpeg',
      ])
      const marked = await db.kysely.selectFrom('import_images').selectAll().where('story_id', '=', story.id).orderBy('block_id').execute()
      assert.deepEqual(marked.map((m) => [m.block_id, m.local_url === null]), [['c00d', false], ['c00e', true]])
    })

    it('keeps a draft a draft and reads the profile’s name and bio', async () => {
      const { user } = await makeUser(db)
      await importMediumArchive(db, await readFolder(FIXTURE_EXPORT), { userId: user.id, images: memoryImageStore(), fetchPolicy: offline, baseUrl: 'http://127.0.0.1:3000' })
      const draft = (await storyRows(db, user.id)).find((row) => row.title === 'Notes on ferries')
      assert.equal(draft?.status, 'draft')
      assert.equal(draft?.published_at, null)
      assert.deepEqual(draft?.document.blocks, [{ id: 'e002', type: 'paragraph', content: [{ text: 'The 7:40 boat waits for ' }, { text: 'nobody', marks: [{ type: 'italic' }] }, { text: '.' }] }])
      const profile = await db.kysely.selectFrom('users').select(['name', 'bio', 'image']).where('id', '=', user.id).executeTakeFirstOrThrow()
      assert.deepEqual({ ...profile }, { name: 'Ada Wenlow', bio: 'Harbour master, tide watcher, occasional writer.', image: null })
    })

    it('updates instead of duplicating when the same export is imported again, and leaves stories edited here alone', async () => {
      const { user } = await makeUser(db)
      const options = { userId: user.id, images: memoryImageStore(), fetchPolicy: offline, baseUrl: 'http://127.0.0.1:3000' }
      await importMediumArchive(db, await readFolder(FIXTURE_EXPORT), options)
      const first = await storyRows(db, user.id)
      const again = await importMediumArchive(db, await readFolder(FIXTURE_EXPORT), options)
      assert.deepEqual(again.imported, [])
      assert.deepEqual(again.skipped.map((s) => s.reason), ['unchanged since the last import', 'unchanged since the last import'])
      assert.deepEqual((await storyRows(db, user.id)).map((r) => [r.id, r.body]), first.map((r) => [r.id, r.body]))

      // Medium's copy changed: the same story is updated, block ids kept.
      const folder = copyFixture()
      const file = join(folder, 'posts', TIDE_FILE)
      writeFileSync(file, readFileSync(file, 'utf8').replace('Check the wind', 'Check the wind and the moon'))
      const changed = await importMediumArchive(db, await readFolder(folder), options)
      assert.deepEqual(changed.updated.map((s) => s.title), ['The Tide Tables of Wenlow'])
      const after = await storyRows(db, user.id)
      assert.equal(after.length, 2)
      const tide = after.find((r) => r.title === 'The Tide Tables of Wenlow')
      assert.equal(tide?.id, first.find((r) => r.title === 'The Tide Tables of Wenlow')?.id)
      assert.deepEqual(tide?.document.blocks.map((b) => b.id), first.find((r) => r.id === tide?.id)?.document.blocks.map((b) => b.id))

      // The writer edits it here; the next import says so and changes nothing.
      await db.kysely.updateTable('stories').set((eb) => ({ title: 'My own title', version: eb('version', '+', 1) })).where('id', '=', tide?.id as number).execute()
      writeFileSync(file, readFileSync(file, 'utf8').replace('Read the board', 'Read the big board'))
      const edited = await importMediumArchive(db, await readFolder(folder), options)
      assert.deepEqual(edited.skipped.find((s) => s.file === TIDE_FILE)?.reason, 'edited on Ovation since it was imported, so left as it is')
      assert.equal((await storyRows(db, user.id)).find((r) => r.id === tide?.id)?.title, 'My own title')
      rmSync(folder, { recursive: true, force: true })
    })

    it('reports a malformed post and still imports the others, leaving nothing of the bad one', async () => {
      const { user } = await makeUser(db)
      const zip = zipFolder(FIXTURE_EXPORT, { 'posts/2020-01-01_Broken-aaaaaaaaaaaa.html': new TextEncoder().encode('<html><body><p>no article here</p></body></html>') })
      const report = await importMediumArchive(db, readZip(zip), { userId: user.id, images: memoryImageStore(), fetchPolicy: offline, baseUrl: 'http://127.0.0.1:3000' })
      assert.deepEqual(report.failed, [{ file: '2020-01-01_Broken-aaaaaaaaaaaa.html', reason: 'not a Medium post we can read: no <article class="h-entry"> in the file' }])
      assert.equal(report.imported.length, 2)
      assert.equal((await storyRows(db, user.id)).length, 2)
    })

    it('downloads remote images over HTTP, and fetches the unfetched ones later with --retry-images', async () => {
      const png = await sharp({ create: { width: 6, height: 2, channels: 3, background: '#336699' } }).png().toBuffer()
      let up = false
      const server: Server = createServer((request, response) => {
        if (request.url === '/redirect.png') return void response.writeHead(302, { location: '/photo.png' }).end()
        if (request.url === '/photo.png' && up) return void response.writeHead(200, { 'content-type': 'image/png' }).end(png)
        response.writeHead(request.url === '/photo.png' ? 503 : 404).end()
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const port = (server.address() as { port: number }).port
      const folder = mkdtempSync(join(tmpdir(), 'medium-'))
      mkdirSync(join(folder, 'posts'))
      writeFileSync(join(folder, 'posts', '2022-05-05_Photos-bbbbbbbbbbbb.html'), post(`
        <figure name="f001" class="graf graf--figure"><img data-image-id="1*photo.png" src="http://127.0.0.1:${port}/redirect.png"></figure>
        <figure name="f002" class="graf graf--figure"><img data-image-id="1*meta.png" src="http://169.254.169.254/latest/meta-data.png"></figure>`))
      // Tests serve from 127.0.0.1, so they allow it; the metadata address stays refused.
      const policy: FetchPolicy = { ...DEFAULT_FETCH_POLICY, allowAddress: (address) => address === '127.0.0.1', retries: 1, retryDelayMs: 10, timeoutMs: 2000 }
      const { user } = await makeUser(db)
      const images = memoryImageStore()
      try {
        const report = await importMediumArchive(db, await readFolder(folder), { userId: user.id, images, fetchPolicy: policy, baseUrl: 'http://127.0.0.1:3000' })
        assert.deepEqual(report.unfetchedImages.map((i) => i.reason), ['the server answered 503', '169.254.169.254 is not a public address (169.254.169.254)'])
        // Importing again while the server is still down: skipped as unchanged, image still listed.
        const again = await importMediumArchive(db, await readFolder(folder), { userId: user.id, images, fetchPolicy: policy, baseUrl: 'http://127.0.0.1:3000' })
        assert.deepEqual(again.unfetchedImages.map((i) => i.reason), ['the server answered 503', '169.254.169.254 is not a public address (169.254.169.254)'])
        up = true
        const retried = await retryUnfetchedImages(db, user.id, images, { fetchPolicy: policy })
        assert.equal(retried.fetched.length, 1)
        assert.equal(retried.failed.length, 1)
        const [story] = await storyRows(db, user.id)
        const photo = story?.document.blocks[0] as { src: string; width: number; height: number }
        assert.match(photo.src, /^\/media\/[0-9a-f]{24}-6x2\.webp$/)
        assert.deepEqual([photo.width, photo.height], [6, 2])
        assert.equal((story?.document.blocks[1] as { src: string }).src, 'http://169.254.169.254/latest/meta-data.png')
        // The import's own fix is not an edit of the writer's: a re-import may still update it.
        const record = await db.kysely.selectFrom('medium_imports').select('story_version').where('story_id', '=', story?.id as number).executeTakeFirstOrThrow()
        assert.equal(record.story_version, story?.version)
      } finally {
        server.close()
        rmSync(folder, { recursive: true, force: true })
      }
    })

    it('fetches images that failed before when the same export is imported again', async () => {
      const png = await sharp({ create: { width: 3, height: 3, channels: 3, background: '#993366' } }).png().toBuffer()
      let up = false
      const server: Server = createServer((_request, response) => {
        if (up) response.writeHead(200, { 'content-type': 'image/png' }).end(png)
        else response.writeHead(500).end()
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const port = (server.address() as { port: number }).port
      const folder = mkdtempSync(join(tmpdir(), 'medium-'))
      mkdirSync(join(folder, 'posts'))
      writeFileSync(join(folder, 'posts', '2022-06-06_Later-cccccccccccc.html'), post(`<figure name="g001" class="graf graf--figure"><img src="http://127.0.0.1:${port}/later.png"></figure>`))
      const policy: FetchPolicy = { ...DEFAULT_FETCH_POLICY, allowAddress: (address) => address === '127.0.0.1', retries: 0, timeoutMs: 2000 }
      const { user } = await makeUser(db)
      const options = { userId: user.id, images: memoryImageStore(), fetchPolicy: policy, baseUrl: 'http://127.0.0.1:3000' }
      try {
        assert.equal((await importMediumArchive(db, await readFolder(folder), options)).unfetchedImages.length, 1)
        up = true
        const again = await importMediumArchive(db, await readFolder(folder), options)
        assert.deepEqual([again.savedImages, again.unfetchedImages.length], [1, 0])
        const [story] = await storyRows(db, user.id)
        assert.match((story?.document.blocks[0] as { src: string }).src, /^\/media\/[0-9a-f]{24}-3x3\.webp$/)
      } finally {
        server.close()
        rmSync(folder, { recursive: true, force: true })
      }
    })
  })
}

describe('Medium export archives', () => {
  it('refuses what is not a zip', () => {
    assert.throws(() => readZip(new TextEncoder().encode('%PDF-1.4 not a zip')), /not a zip file/)
  })

  it('refuses a zip without posts', () => {
    assert.throws(() => readZip(zipSync({ 'profile/profile.html': new TextEncoder().encode('<div class="h-card"></div>') })), /no stories/)
  })

  it('refuses entry names that climb out of the export', () => {
    for (const name of ['../evil/posts/x.html', 'posts/../../x.html', '/etc/posts/x.html', 'C:/posts/x.html', 'posts\\..\\x.html']) {
      assert.throws(() => readZip(zipSync({ [name]: new Uint8Array([60]) })), /unsafe name/, name)
    }
  })

  it('stops a zip bomb: too much once unpacked, whatever the headers say', () => {
    // 16 MB of zeros compress to about 16 KB.
    const bomb = zipSync({ 'posts/bomb.html': new Uint8Array(16 * 1024 * 1024) }, { level: 1 })
    assert.ok(bomb.length < 100_000)
    assert.throws(() => readZip(bomb, { maxEntries: 100, maxTotalBytes: 8 * 1024 * 1024, maxEntryBytes: 4 * 1024 * 1024 }), /larger than 4 MB once unpacked/)
    const many = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`posts/p${i}.html`, new Uint8Array(1024 * 1024)])), { level: 1 })
    assert.throws(() => readZip(many, { maxEntries: 100, maxTotalBytes: 8 * 1024 * 1024, maxEntryBytes: 4 * 1024 * 1024 }), /unpacks to more than 8 MB/)
    assert.throws(() => readZip(many, { maxEntries: 10, maxTotalBytes: 1e9, maxEntryBytes: 1e9 }), /more than 10 files/)
  })

  it('refuses a huge file in an unpacked folder before reading it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'medium-'))
    mkdirSync(join(folder, 'posts'))
    writeFileSync(join(folder, 'posts', 'huge.html'), Buffer.alloc(2 * 1024 * 1024, 32))
    try {
      await assert.rejects(readFolder(folder, { maxEntries: 100, maxTotalBytes: 4 * 1024 * 1024, maxEntryBytes: 1024 * 1024 }), /posts\/huge\.html is larger than 1 MB/)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('refuses a damaged zip with a message, not a crash', () => {
    const html = readFileSync(join(FIXTURE_EXPORT, 'posts', TIDE_FILE))
    const zip = zipSync({ [`posts/${TIDE_FILE}`]: html }, { level: 9 })
    // Past the 30-byte header and the name: the middle of the compressed post.
    const damaged = zip.slice()
    damaged.fill(0xff, 120, 400)
    assert.throws(() => readZip(damaged), /The zip is damaged/)
  })
})

function copyFixture(): string {
  const folder = mkdtempSync(join(tmpdir(), 'medium-'))
  for (const dir of ['posts', 'profile', 'images']) mkdirSync(join(folder, dir))
  for (const name of [`posts/${TIDE_FILE}`, 'posts/draft_Notes-on-ferries-9a8b7c6d5e4f.html', 'profile/profile.html', 'images/1_tide-chart.png']) {
    writeFileSync(join(folder, name), readFileSync(join(FIXTURE_EXPORT, name)))
  }
  return folder
}

function post(body: string): string {
  return `<html><body><article class="h-entry"><h1 class="p-name">Photos</h1><section data-field="body" class="e-content">
    <section name="s001" class="section section--body"><div class="section-content"><div class="section-inner">${body}</div></div></section></section>
    <footer><time class="dt-published" datetime="2022-05-05T10:00:00.000Z">May 5</time></footer></article></body></html>`
}
