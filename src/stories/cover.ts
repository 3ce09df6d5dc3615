// A story's cover image as pages show it: at the top of the story, and small in story cards.
import type { CardCover } from '../web/components/story-card.tsx'
import { imageSizes, mediaImage } from '../media/variants.ts'
import { safeImageSrc } from './document/render-html.ts'

export type StoryCover = CardCover

/**
 * The cover with, for our own uploads, every width in `srcset` and its size (no layout shift);
 * undefined when there is none or its address is not one we load.
 */
export function coverOf(row: { cover_image: string | null; cover_alt: string }, place: 'cover' | 'card'): StoryCover | undefined {
  const src = row.cover_image ? safeImageSrc(row.cover_image) : undefined
  if (!src) return undefined
  const media = mediaImage(src)
  if (!media) return { src, alt: row.cover_alt }
  return { src, alt: row.cover_alt, srcset: media.srcset, sizes: imageSizes(place), width: media.width, height: media.height }
}
