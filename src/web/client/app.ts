// The one script on every page: it finds the islands on the page and enhances them. Every
// island enhances a form that already works without JavaScript.
import { enhanceClaps } from './clap.ts'
import { enhanceHighlights } from './highlight.ts'
import { enhanceNotifications } from './notifications.ts'
import { enhanceSave } from './save.ts'
import { enhanceInfiniteScroll } from './infinite-scroll.ts'
import { enhanceFollows } from './follow.ts'
import { enhanceThemeToggle } from './theme.ts'

enhanceClaps(document)
enhanceHighlights(document)
enhanceNotifications(document)
enhanceSave(document)
enhanceInfiniteScroll(document)
enhanceFollows(document)
enhanceThemeToggle(document)
