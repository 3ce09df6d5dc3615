// Test helpers for images and multipart bodies; imported only by tests.
import sharp from 'sharp'

type Part = string | { filename: string; contentType: string; data: Buffer }

/** A multipart/form-data body, as a browser's form or fetch(FormData) would send it. */
export function multipart(fields: Record<string, Part>): { payload: Buffer; contentType: string } {
  const boundary = `----ovation${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const [name, part] of Object.entries(fields)) {
    if (typeof part === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${part}\r\n`))
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`))
      chunks.push(part.data, Buffer.from('\r\n'))
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** A small picture (a gradient-ish pattern) in the given format; `gps` adds EXIF with a GPS position. */
export async function photo(width: number, height: number, format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif', options: { gps?: boolean } = {}): Promise<Buffer> {
  let image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#235"/></svg>`) }])
  if (options.gps) {
    image = image.withExif({ IFD0: { Make: 'TestCam', Model: 'Ovation' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2964/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4020/100' } })
  }
  return image.toFormat(format).toBuffer()
}
