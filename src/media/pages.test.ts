// Uploaded images on pages: in a story's body with srcset and size, as its cover, in cards and
// link previews.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeUser } from '../testing/factories.ts'
import { multipart, photo } from './testing.ts'

const pathOf = (url: string) => url.slice(TEST_ORIGIN.length)

for (const engine of engines()) {
  describe(`images on pages (${engine})`, () => {
    let t: TestApp
    let dataDir: string
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'ovation-media-'))
      t = await buildTestApp(engine, { DATA_DIR: dataDir })
    })
    after(async () => {
      await t.close()
      await rm(dataDir, { recursive: true, force: true })
    })

    async function uploaded(token: string, width: number, height: number): Promise<{ url: string; width: number; height: number }> {
      const body = multipart({ file: { filename: 'p.jpg', contentType: 'image/jpeg', data: await photo(width, height, 'jpeg') } })
      const response = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { 'content-type': body.contentType, authorization: `Token ${token}` }, payload: body.payload })
      assert.equal(response.statusCode, 200, response.body)
      return response.json().upload
    }


    it('renders an uploaded image in the body with srcset, sizes, its size, lazy loading, alt text and caption', async () => {
      const { token } = await makeUser(t.db)
      const image = await uploaded(token, 1300, 650)
      const body = `Before.\n\n![A river at night](${image.url} "The Rhine, 2024")\n\n![Elsewhere](https://cdn.example/x.png)\n`
      const created = await call(t.app, 'POST', '/api/articles', { token, body: { article: { title: 'Images', description: 'd', body } } })
      assert.equal(created.statusCode, 201, created.body)
      const page = (await t.app.inject({ method: 'GET', url: pathOf(created.json().article.url) })).body
      const base = image.url.slice(0, -'.webp'.length)
      const img = page.match(/<img src="\/media\/[^>]+>/)?.[0] ?? ''
      assert.equal(
        img,
        `<img src="${image.url}" srcset="${base}-400.webp 400w, ${base}-800.webp 800w, ${base}-1200.webp 1200w, ${image.url} 1300w" sizes="(max-width: 748px) 100vw, 700px" alt="A river at night" loading="lazy" decoding="async" width="1300" height="650">`,
      )
      assert.match(page, /<figcaption>The Rhine, 2024<\/figcaption>/)
      // Another site's image renders as before: no srcset, nothing invented.
      assert.match(page, /<img src="https:\/\/cdn\.example\/x\.png" alt="Elsewhere" loading="lazy" decoding="async">/)
      // Every variant the srcset names is served.
      for (const variant of [400, 800, 1200]) assert.equal((await t.app.inject({ method: 'GET', url: `${base}-${variant}.webp` })).statusCode, 200)
    })

    it('shows a cover image on the story page, in cards and in link previews', async () => {
      const { token, user } = await makeUser(t.db)
      const cover = await uploaded(token, 1600, 900)
      const created = await call(t.app, 'POST', '/api/articles', {
        token,
        body: { article: { title: 'With a cover', description: 'd', body: 'Text.', coverImage: cover.url, coverAlt: 'Boats on a grey river' } },
      })
      assert.equal(created.statusCode, 201, created.body)
      assert.equal(created.json().article.coverImage, cover.url)
      assert.equal(created.json().article.coverAlt, 'Boats on a grey river')
      const page = (await t.app.inject({ method: 'GET', url: pathOf(created.json().article.url) })).body
      assert.match(page, new RegExp(`<figure class="story__cover"><img src="${cover.url}" srcset="[^"]+ 1600w" sizes="\\(max-width: 748px\\) 100vw, 700px" alt="Boats on a grey river" width="1600" height="900"`))
      assert.match(page, new RegExp(`<meta property="og:image" content="${TEST_ORIGIN}${cover.url}"`))
      assert.match(page, new RegExp(`"image":\\["${TEST_ORIGIN}${cover.url}"\\]`))
      const profile = (await t.app.inject({ method: 'GET', url: `/@${user.username}` })).body
      assert.match(profile, /<article class="story-card story-card--with-cover"><a href="[^"]+" class="story-card__cover" tabindex="-1" aria-hidden="true"><img src="\/media\/[^"]+" srcset="[^"]+" sizes="\(max-width: 720px\) 80px, 160px" alt(="")? loading="lazy"/)
    })

    it('changes and removes the cover through the API', async () => {
      const { token } = await makeUser(t.db)
      const created = await call(t.app, 'POST', '/api/articles', { token, body: { article: { title: 'Cover later', description: 'd', body: 'Text.' } } })
      const slug = created.json().article.slug
      assert.equal(created.json().article.coverImage, null)
      const set = await call(t.app, 'PUT', `/api/articles/${slug}`, { token, body: { article: { coverImage: 'https://images.example/c.jpg', coverAlt: 'A cover' } } })
      assert.equal(set.json().article.coverImage, 'https://images.example/c.jpg')
      const page = (await t.app.inject({ method: 'GET', url: pathOf(set.json().article.url) })).body
      assert.match(page, /<figure class="story__cover"><img src="https:\/\/images\.example\/c\.jpg" alt="A cover"/)
      const removed = await call(t.app, 'PUT', `/api/articles/${slug}`, { token, body: { article: { coverImage: null } } })
      assert.equal(removed.json().article.coverImage, null)
    })

    it('refuses a cover address that is not an image we would load', async () => {
      const { token } = await makeUser(t.db)
      for (const coverImage of ['javascript:alert(1)', '//evil.example/x.png', 'data:image/png;base64,AAAA']) {
        const response = await call(t.app, 'POST', '/api/articles', { token, body: { article: { title: 'Bad cover', description: 'd', body: 'Text.', coverImage } } })
        assert.equal(response.statusCode, 422, coverImage)
        assert.match(response.json().errors.coverImage[0], /must be an uploaded image/)
      }
    })
  })
}

for (const engine of engines()) {
  describe(`the plain image form (${engine})`, () => {
    let t: TestApp
    let dataDir: string
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'ovation-media-'))
      t = await buildTestApp(engine, { DATA_DIR: dataDir, MEDIA_MAX_BYTES: '100000' })
    })
    after(async () => {
      await t.close()
      await rm(dataDir, { recursive: true, force: true })
    })

    async function signedIn() {
      const user = await makeUser(t.db)
      const login = await call(t.app, 'POST', '/signin', { form: { email: `${user.user.username}@example.com`, password: user.password } })
      return { ...user, cookie: sessionCookieFrom(login) }
    }

    const post = (slug: string, cookie: string, fields: Parameters<typeof multipart>[0]) => {
      const body = multipart(fields)
      return t.app.inject({ method: 'POST', url: `/edit/${slug}/images`, headers: { 'content-type': body.contentType, cookie, origin: TEST_ORIGIN }, payload: body.payload })
    }

    it('adds an uploaded image with its alt text and caption at the end of the story', async () => {
      const writer = await signedIn()
      const created = await call(t.app, 'POST', '/api/articles', { token: writer.token, body: { article: { title: 'Form', description: 'd', body: 'First.' } } })
      const slug = created.json().article.slug
      const form = await t.app.inject({ method: 'GET', url: `/edit/${slug}/images`, headers: { cookie: writer.cookie } })
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /enctype="multipart\/form-data"/)
      assert.match(form.body, /<label for="image-alt">Alt text<\/label>/)
      const response = await post(slug, writer.cookie, { file: { filename: 'a.png', contentType: 'image/png', data: await photo(900, 450, 'png') }, alt: 'A red square', caption: 'Figure 1' })
      assert.equal(response.statusCode, 303, response.body)
      assert.equal(response.headers.location, `/edit/${slug}`)
      const page = (await t.app.inject({ method: 'GET', url: pathOf(created.json().article.url) })).body
      assert.match(page, /<figure id="[a-z0-9]{6}" data-block="[a-z0-9]{6}"><img src="\/media\/[a-f0-9]{24}-900x450\.webp" srcset="[^"]+" sizes="[^"]+" alt="A red square" loading="lazy" decoding="async" width="900" height="450"><figcaption>Figure 1<\/figcaption><\/figure>/)
    })

    it('sets the cover instead when asked', async () => {
      const writer = await signedIn()
      const created = await call(t.app, 'POST', '/api/articles', { token: writer.token, body: { article: { title: 'Cover form', description: 'd', body: 'First.' } } })
      const slug = created.json().article.slug
      const response = await post(slug, writer.cookie, { file: { filename: 'a.png', contentType: 'image/png', data: await photo(600, 300, 'png') }, alt: 'Cover alt', cover: '1' })
      assert.equal(response.statusCode, 303, response.body)
      const article = (await call(t.app, 'GET', `/api/articles/${slug}`)).json().article
      assert.match(article.coverImage, /^\/media\/[a-f0-9]{24}-600x300\.webp$/)
      assert.equal(article.coverAlt, 'Cover alt')
    })

    it('shows the form again with a clear message for a file that is not an image, and changes nothing', async () => {
      const writer = await signedIn()
      const created = await call(t.app, 'POST', '/api/articles', { token: writer.token, body: { article: { title: 'Bad file', description: 'd', body: 'First.' } } })
      const slug = created.json().article.slug
      const response = await post(slug, writer.cookie, { file: { filename: 'notes.jpg', contentType: 'image/jpeg', data: Buffer.from('just some text') }, alt: 'kept' })
      assert.equal(response.statusCode, 422)
      assert.match(response.body, /The file is not an image Ovation accepts/)
      assert.match(response.body, /value="kept"/)
      assert.equal((await call(t.app, 'GET', `/api/articles/${slug}`)).json().article.body, 'First.')
    })

    it('refuses another writer’s story', async () => {
      const writer = await signedIn()
      const other = await signedIn()
      const created = await call(t.app, 'POST', '/api/articles', { token: writer.token, body: { article: { title: 'Mine', description: 'd', body: 'First.' } } })
      const slug = created.json().article.slug
      assert.equal((await t.app.inject({ method: 'GET', url: `/edit/${slug}/images`, headers: { cookie: other.cookie } })).statusCode, 403)
      const response = await post(slug, other.cookie, { file: { filename: 'a.png', contentType: 'image/png', data: await photo(50, 50, 'png') } })
      assert.equal(response.statusCode, 403)
    })
  })
}
