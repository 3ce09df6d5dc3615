// The theme toggle in the header: the reader switches between light and dark, and the choice is
// remembered (localStorage) for every later page, where the inline script in <head>
// (src/web/theme.ts) applies it before the first paint. Until a reader chooses, the system
// setting decides; the button shows the theme in effect either way.
const STORAGE_KEY = 'ovation-theme' // THEME_STORAGE_KEY in src/web/theme.ts

export function enhanceThemeToggle(root: Document): void {
  const button = root.querySelector<HTMLButtonElement>('button[data-theme-toggle]')
  if (!button) return
  const html = root.documentElement
  const system = window.matchMedia('(prefers-color-scheme: dark)')
  const isDark = () => (html.dataset.theme ? html.dataset.theme === 'dark' : system.matches)
  const show = () => button.setAttribute('aria-pressed', String(isDark()))
  show()
  button.hidden = false
  system.addEventListener('change', show)
  button.addEventListener('click', () => {
    const theme = isDark() ? 'light' : 'dark'
    html.dataset.theme = theme
    try {
      localStorage.setItem(STORAGE_KEY, theme)
    } catch {
      // Storage refused (a private window): the choice lasts for this page only.
    }
    show()
  })
}
