// A notification in words, the same on the page and in e-mail: "Ana and 12 others applauded …".
import type { NotificationItem } from './service.ts'

export type Sentence = { who: string; what: string; title: string | null }

export function describeNotification(item: Pick<NotificationItem, 'type' | 'actors' | 'count' | 'article' | 'publication' | 'message'>): Sentence {
  const first = item.actors[0]?.name ?? 'Someone'
  const others = item.count - 1
  const who = others <= 0 ? first : `${first} and ${others} ${others === 1 ? 'other' : 'others'}`
  const title = item.article?.title ?? null
  switch (item.type) {
    case 'follow':
      return { who, what: 'started following you', title: null }
    case 'clap':
      return { who, what: 'applauded', title }
    case 'response':
      return { who, what: 'responded to', title }
    case 'highlight':
      return { who, what: 'highlighted a passage in', title }
    case 'mention':
      return { who, what: 'mentioned you in', title }
    case 'publication':
      return { who: item.publication?.name ?? who, what: item.message ?? 'has news for you', title }
  }
}

export function notificationText(item: Parameters<typeof describeNotification>[0]): string {
  const sentence = describeNotification(item)
  return `${sentence.who} ${sentence.what}${sentence.title ? ` “${sentence.title}”` : ''}`
}
