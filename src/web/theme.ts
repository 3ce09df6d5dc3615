// The reader's theme choice (light or dark), applied before the first paint. Pages are cached and
// identical for every reader, so the choice cannot be rendered by the server: this tiny script in
// <head> reads it from localStorage and sets <html data-theme>, which tokens.css follows. Without
// JavaScript, or with no choice stored, the system setting (prefers-color-scheme) decides.
//
// The script is inline so it costs no request and blocks nothing; the strict CSP allows exactly
// this text by its sha256 hash (see src/app.ts), never inline code in general.
import { createHash } from 'node:crypto'

/** The key the theme toggle (src/web/client/theme.ts) stores the choice under. */
export const THEME_STORAGE_KEY = 'ovation-theme'

export const themeScript = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`

/** The script's CSP source: 'sha256-…' of its exact text. */
export const themeScriptHash = `'sha256-${createHash('sha256').update(themeScript).digest('base64')}'`
