/**
 * The address scheme of uploaded images, pure so the story renderer (and a browser bundle)
 * can use it: `/media/<id>-<W>x<H>.webp` is the image at its stored size (the original, at
 * most MAX_WIDTH wide), and `/media/<id>-<W>x<H>-<w>.webp` the same image `w` pixels wide for
 * each width of VARIANT_WIDTHS below W. The address says the size, so a page sets `width`,
 * `height` and `srcset` from the address alone, even for an image that came in through Markdown.
 */

export const MEDIA_PATH = '/media/'
/** Widths offered to browsers besides the stored size; 400 suits phones, 2000 retina desktops. */
export const VARIANT_WIDTHS: readonly number[] = [400, 800, 1200]
/** The widest an image is stored. */
export const MAX_WIDTH = 2000

const MEDIA_NAME = /^([a-f0-9]{24})-([1-9][0-9]{0,4})x([1-9][0-9]{0,4})(?:-([1-9][0-9]{0,4}))?\.webp$/

export type MediaName = { id: string; width: number; height: number; /** Set for a smaller variant. */ variant?: number }

/** Parses a stored file's name (`abc…-800x600.webp`); undefined when it is not one of ours. */
export function parseMediaName(name: string): MediaName | undefined {
  const match = MEDIA_NAME.exec(name)
  if (!match) return undefined
  const [, id, width, height, variant] = match as unknown as [string, string, string, string, string | undefined]
  const parsed: MediaName = { id, width: Number(width), height: Number(height) }
  if (variant === undefined) return parsed
  const w = Number(variant)
  return variantWidths(parsed.width).includes(w) ? { ...parsed, variant: w } : undefined
}

/** The widths smaller than the stored one that are kept as variants. */
export function variantWidths(width: number): number[] {
  return VARIANT_WIDTHS.filter((w) => w < width)
}

/** The file name of the stored image (no variant) or of its variant `w` pixels wide. */
export function mediaFileName(id: string, width: number, height: number, variant?: number): string {
  return `${id}-${width}x${height}${variant === undefined ? '' : `-${variant}`}.webp`
}

/** The site path of a stored image. */
export function mediaUrl(id: string, width: number, height: number): string {
  return MEDIA_PATH + mediaFileName(id, width, height)
}

/**
 * For a site path of one of our stored images, its size and a `srcset` listing every width;
 * undefined for any other address (other sites' images render as they are).
 */
export function mediaImage(src: string): { width: number; height: number; srcset: string } | undefined {
  if (!src.startsWith(MEDIA_PATH)) return undefined
  const name = parseMediaName(src.slice(MEDIA_PATH.length))
  if (!name || name.variant !== undefined) return undefined
  const { id, width, height } = name
  const smaller = variantWidths(width).map((w) => `${MEDIA_PATH}${mediaFileName(id, width, height, w)} ${w}w`)
  return { width, height, srcset: [...smaller, `${src} ${width}w`].join(', ') }
}

/**
 * The `sizes` attribute: how wide an image shows. The story column is at most 700 px (43.75rem)
 * (see the stylesheet's reading width); cards show a thumbnail.
 */
export function imageSizes(place: 'body' | 'cover' | 'card'): string {
  if (place === 'card') return '(max-width: 720px) 80px, 160px' // see .story-card__cover in covers.css
  return '(max-width: 748px) 100vw, 700px'
}
