import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mediaImage, mediaUrl, parseMediaName, variantWidths } from './variants.ts'
import { sniffImageType } from './image-type.ts'

const ID = '0123456789abcdef01234567'

describe('media addresses', () => {
  it('offer every narrower width and the stored one in srcset, with the size from the address', () => {
    assert.deepEqual(mediaImage(mediaUrl(ID, 1300, 650)), {
      width: 1300,
      height: 650,
      srcset: `/media/${ID}-1300x650-400.webp 400w, /media/${ID}-1300x650-800.webp 800w, /media/${ID}-1300x650-1200.webp 1200w, /media/${ID}-1300x650.webp 1300w`,
    })
    assert.deepEqual(mediaImage(mediaUrl(ID, 300, 200))?.srcset, `/media/${ID}-300x200.webp 300w`)
  })

  it('know nothing of other addresses', () => {
    for (const src of ['https://cdn.example/a.webp', '/media/a.png', `/media/${ID}-10x10-400.webp`, `/media/${ID}-0x10.webp`, `/media/${ID.toUpperCase()}-10x10.webp`, `/mediax/${ID}-10x10.webp`]) {
      assert.equal(mediaImage(src), undefined, src)
    }
  })

  it('name variants only at the widths kept for that size', () => {
    assert.deepEqual(variantWidths(800), [400])
    assert.deepEqual(parseMediaName(`${ID}-900x600-800.webp`), { id: ID, width: 900, height: 600, variant: 800 })
    assert.equal(parseMediaName(`${ID}-900x600-1200.webp`), undefined)
    assert.equal(parseMediaName(`${ID}-900x600-500.webp`), undefined)
    assert.equal(parseMediaName('../../etc/passwd'), undefined)
  })
})

describe('sniffImageType', () => {
  it('tells formats by their first bytes', () => {
    assert.equal(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg')
    assert.equal(sniffImageType(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')), 'png')
    assert.equal(sniffImageType(Buffer.from('GIF89a')), 'gif')
    assert.equal(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1')), 'webp')
    assert.equal(sniffImageType(Buffer.from('\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf', 'latin1')), 'avif')
    assert.equal(sniffImageType(Buffer.from('\0\0\0\x18ftypmif1\0\0\0\0mif1avif', 'latin1')), 'avif', 'avif as a compatible brand')
  })

  it('refuses everything else: HEIC, SVG, PDF, HTML, empty files', () => {
    for (const bytes of ['\0\0\0\x18ftypheic\0\0\0\0mif1heic', '<svg xmlns="http://www.w3.org/2000/svg"/>', '%PDF-1.7', '<!doctype html>', '', 'GIF8']) {
      assert.equal(sniffImageType(Buffer.from(bytes, 'latin1')), undefined, JSON.stringify(bytes))
    }
  })
})
