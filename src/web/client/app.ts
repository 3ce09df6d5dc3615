// The one script on every page: it finds the islands on the page and enhances them. Every
// island enhances a form that already works without JavaScript.
import { enhanceClaps } from './clap.ts'

enhanceClaps(document)
