import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { engines } from '../testing/databases.ts'
import { buildTestApp, type TestApp } from '../testing/app.ts'
import { makeUser } from '../testing/factories.ts'
import { multipart, photo } from './testing.ts'

const MAX_BYTES = 200_000

for (const engine of engines()) {
  describe(`uploads (${engine})`, () => {
    let t: TestApp
    let dataDir: string
    let token: string
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'ovation-media-'))
      t = await buildTestApp(engine, { DATA_DIR: dataDir, MEDIA_MAX_BYTES: String(MAX_BYTES) })
      token = (await makeUser(t.db)).token
    })
    after(async () => {
      await t.close()
      await rm(dataDir, { recursive: true, force: true })
    })

    const stored = async () => (await readdir(join(dataDir, 'media')).catch(() => [])).sort()
    const upload = (body: { payload: Buffer; contentType: string }, auth: Record<string, string> = { authorization: `Token ${token}` }) =>
      t.app.inject({ method: 'POST', url: '/api/uploads', headers: { 'content-type': body.contentType, ...auth }, payload: body.payload })

    describe('POST /api/uploads', () => {
      it('stores a photo as WebP in several widths, without its EXIF and GPS position', async () => {
        const jpeg = await photo(1000, 600, 'jpeg', { gps: true })
        const input = await sharp(jpeg).metadata()
        assert.match(input.exif?.toString('latin1') ?? '', /TestCam/, 'the test photo carries EXIF (with a GPS position)')
        assert.ok((input.exif?.length ?? 0) > 150, 'the GPS directory is there too')
        const response = await upload(multipart({ file: { filename: 'holiday.jpg', contentType: 'image/jpeg', data: jpeg } }))
        assert.equal(response.statusCode, 200, response.body)
        const { upload: saved } = response.json()
        assert.match(saved.url, /^\/media\/[a-f0-9]{24}-1000x600\.webp$/)
        assert.equal(saved.width, 1000)
        assert.equal(saved.height, 600)

        const served = await t.app.inject({ method: 'GET', url: saved.url })
        assert.equal(served.statusCode, 200)
        assert.equal(served.headers['content-type'], 'image/webp')
        assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable')
        assert.equal(served.headers['x-content-type-options'], 'nosniff')
        const meta = await sharp(served.rawPayload).metadata()
        assert.equal(meta.format, 'webp')
        assert.equal(meta.exif, undefined, 'no EXIF, so no GPS position')
        assert.equal(meta.xmp, undefined)
        const names = await stored()
        const base = saved.url.slice('/media/'.length, -'.webp'.length)
        assert.deepEqual(names.filter((name) => name.startsWith(base)), [`${base}-400.webp`, `${base}-800.webp`, `${base}.webp`])
        const small = await sharp((await t.app.inject({ method: 'GET', url: `/media/${base}-400.webp` })).rawPayload).metadata()
        assert.equal(small.width, 400)
        assert.equal(small.height, 240)
      })

      it('turns a photo upright by its EXIF orientation before dropping the EXIF', async () => {
        const sideways = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#468' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer()
        const response = await upload(multipart({ file: { filename: 'p.jpg', contentType: 'image/jpeg', data: sideways } }))
        assert.equal(response.statusCode, 200, response.body)
        assert.deepEqual([response.json().upload.width, response.json().upload.height], [100, 300])
      })

      it('accepts PNG, WebP, GIF and AVIF, told by their bytes whatever their name, and keeps small images small', async () => {
        for (const format of ['png', 'webp', 'gif', 'avif'] as const) {
          const response = await upload(multipart({ file: { filename: 'picture.txt', contentType: 'application/octet-stream', data: await photo(120, 80, format) } }))
          assert.equal(response.statusCode, 200, `${format}: ${response.body}`)
          assert.deepEqual([response.json().upload.width, response.json().upload.height], [120, 80], format)
        }
      })

      it('keeps an animated GIF animated, in every width', async () => {
        const [width, height] = [900, 600]
        const frames = Buffer.alloc(width * height * 3 * 2, 40)
        frames.fill(220, 0, width * height * 3)
        const gif = await sharp(frames, { raw: { width, height: height * 2, channels: 3, pageHeight: height } as { width: number; height: number; channels: 3 } }).gif({ loop: 0, delay: [100, 100] }).toBuffer()
        const response = await upload(multipart({ file: { filename: 'a.gif', contentType: 'image/gif', data: gif } }))
        assert.equal(response.statusCode, 200, response.body)
        const { url } = response.json().upload
        assert.deepEqual([response.json().upload.width, response.json().upload.height], [900, 600])
        for (const [path, w] of [[url, 900], [url.replace('.webp', '-400.webp'), 400]] as const) {
          const meta = await sharp((await t.app.inject({ method: 'GET', url: path })).rawPayload, { animated: true }).metadata()
          assert.deepEqual([meta.pages, meta.width], [2, w], path)
        }
      })

      it('caps the stored width at 2000 pixels', async () => {
        const response = await upload(multipart({ file: { filename: 'wide.png', contentType: 'image/png', data: await photo(2400, 300, 'png') } }))
        assert.equal(response.statusCode, 200, response.body)
        assert.deepEqual([response.json().upload.width, response.json().upload.height], [2000, 250])
      })

      it('stores the same picture once', async () => {
        const data = await photo(200, 200, 'png')
        const first = (await upload(multipart({ file: { filename: 'a.png', contentType: 'image/png', data } }))).json().upload.url
        const second = (await upload(multipart({ file: { filename: 'b.png', contentType: 'image/png', data } }))).json().upload.url
        assert.equal(first, second)
      })

      it('requires sign-in', async () => {
        const response = await upload(multipart({ file: { filename: 'a.png', contentType: 'image/png', data: await photo(10, 10, 'png') } }), {})
        assert.equal(response.statusCode, 401)
      })

      it('refuses a cookie-signed request from another site', async () => {
        const response = await upload(multipart({ file: { filename: 'a.png', contentType: 'image/png', data: await photo(10, 10, 'png') } }), {
          cookie: 'ovation_session=whatever',
          origin: 'https://evil.example',
        })
        assert.ok(response.statusCode === 401 || response.statusCode === 403, String(response.statusCode))
      })

      describe('bad input: a clear error, and nothing stored', () => {
        it('refuses a text file renamed .jpg', async () => {
          const before = await stored()
          const response = await upload(multipart({ file: { filename: 'photo.jpg', contentType: 'image/jpeg', data: Buffer.from('<svg onload="alert(1)"></svg>') } }))
          assert.equal(response.statusCode, 422)
          assert.match(response.json().errors.file[0], /not an image Ovation accepts/)
          assert.deepEqual(await stored(), before)
        })

        it('refuses a damaged image', async () => {
          const before = await stored()
          const jpeg = await photo(400, 300, 'jpeg')
          const response = await upload(multipart({ file: { filename: 'cut.jpg', contentType: 'image/jpeg', data: jpeg.subarray(0, Math.floor(jpeg.length / 2)) } }))
          assert.equal(response.statusCode, 422, response.body)
          assert.match(response.json().errors.file[0], /not a readable image/)
          const garbage = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)])
          assert.equal((await upload(multipart({ file: { filename: 'x.png', contentType: 'image/png', data: garbage } }))).statusCode, 422)
          assert.deepEqual(await stored(), before)
        })

        it('refuses a file over MEDIA_MAX_BYTES with 413', async () => {
          const before = await stored()
          const big = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer()
          assert.ok(big.length > MAX_BYTES)
          const response = await upload(multipart({ file: { filename: 'big.png', contentType: 'image/png', data: big } }))
          assert.equal(response.statusCode, 413)
          assert.match(response.json().errors.file[0], /too large \(the limit is 196 KB\)/)
          assert.deepEqual(await stored(), before)
        })

        it('asks for the file when the request has none', async () => {
          const noFile = await upload(multipart({ alt: 'just text' }))
          assert.equal(noFile.statusCode, 422)
          assert.ok(noFile.json().errors.file)
          const json = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { authorization: `Token ${token}` }, payload: { file: 'x' } })
          assert.equal(json.statusCode, 422)
          assert.ok(json.json().errors.file)
        })
      })
    })

    describe('GET /media/:name', () => {
      it('answers 404 for files that do not exist or are not ours', async () => {
        for (const url of ['/media/0123456789abcdef01234567-10x10.webp', '/media/..%2Fovation.sqlite', '/media/x.svg', `/media/${'a'.repeat(24)}-10x10-400.webp`]) {
          const response = await t.app.inject({ method: 'GET', url })
          assert.equal(response.statusCode, 404, url)
        }
      })
    })
  })
}
