// profile/profile.html of a Medium export: an h-card with the display name (p-name), the avatar
// (u-photo), the username (p-nickname, or the medium.com/@name link) and the bio (p-note).
import { parse } from 'node-html-parser'
import { safeLink } from './inline.ts'

export type ParsedProfile = { name: string | undefined; username: string | undefined; bio: string | undefined; avatarUrl: string | undefined }

export function parseProfile(html: string): ParsedProfile {
  const root = parse(html, { blockTextElements: { script: true, style: true } })
  const card = root.querySelector('.h-card') ?? root
  const text = (selector: string) => card.querySelector(selector)?.text.replace(/\s+/g, ' ').trim() || undefined
  const photo = card.querySelector('img.u-photo') ?? card.querySelector('.u-photo')
  const link = card.querySelector('a.u-url')?.getAttribute('href') ?? card.querySelector('a[href*="medium.com/@"]')?.getAttribute('href')
  return {
    name: text('.p-name'),
    username: text('.p-nickname')?.replace(/^@/, '') ?? (link ? /medium\.com\/@([\w.-]+)/.exec(link)?.[1] : undefined),
    bio: text('.p-note') ?? text('.p-description'),
    avatarUrl: safeLink(photo?.getAttribute('src') ?? photo?.getAttribute('href')),
  }
}
