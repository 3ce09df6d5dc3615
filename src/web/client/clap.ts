// The clap island: press to clap, hold to keep clapping, a "+n" bubble, and one request per
// burst rather than per clap. Without JavaScript the same form posts one clap and reloads.
const MAX = 50
const HOLD_DELAY = 350 // ms before a press turns into a hold
const HOLD_EVERY = 110 // ms between claps while held
const SEND_AFTER = 600 // ms of quiet before the burst is sent

export function enhanceClaps(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form.clap[data-clap]')) {
    // Signed out, the plain form already leads to sign-in and back.
    if (form.dataset.signedIn === 'true') enhance(form)
  }
}

function enhance(form: HTMLFormElement): void {
  const slug = form.dataset.clap as string
  const button = form.querySelector<HTMLButtonElement>('.clap__button')
  const bubble = form.querySelector<HTMLElement>('.clap__bubble')
  const section = form.closest('.applause') ?? document
  if (!button || !bubble) return

  let mine = Number(form.dataset.myClaps) || 0
  let total = Number(form.dataset.total) || 0
  let pending = 0
  let burst = 0
  let sendTimer: number | undefined
  let holdTimer: number | undefined
  let bubbleTimer: number | undefined
  let inFlight: Promise<void> = Promise.resolve()

  const clapOnce = () => {
    if (mine + pending >= MAX) return stopHold()
    pending += 1
    burst += 1
    render()
    window.clearTimeout(sendTimer)
    sendTimer = window.setTimeout(flush, SEND_AFTER)
  }

  const startHold = () => {
    clapOnce()
    holdTimer = window.setTimeout(function repeat() {
      clapOnce()
      holdTimer = window.setTimeout(repeat, HOLD_EVERY)
    }, HOLD_DELAY)
  }

  function stopHold() {
    window.clearTimeout(holdTimer)
    holdTimer = undefined
  }

  const flush = () => {
    const count = pending
    if (!count) return
    pending = 0
    // Bursts go one after another so the server sees them in order.
    inFlight = inFlight.then(() => send(count))
  }

  const send = async (count: number) => {
    try {
      const response = await fetch(`/api/articles/${encodeURIComponent(slug)}/claps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        keepalive: true,
        body: JSON.stringify({ count }),
      })
      if (!response.ok) throw new Error(String(response.status))
      const { article } = (await response.json()) as { article: { claps: number; favoritesCount: number; myClaps: number } }
      mine = article.myClaps
      total = article.claps
      setText(section, '[data-clap-fans]', plural(article.favoritesCount, 'fan'))
    } catch {
      // Nothing was counted: show the server's truth again and let the reader try once more.
      burst = 0
    }
    render()
  }

  function render() {
    const shownMine = mine + pending
    setText(section, '[data-clap-total]', plural(total + pending, 'clap'))
    const mineLine = shownMine >= MAX ? ' · You gave a standing ovation' : shownMine > 0 ? ` · You clapped ${shownMine} ${shownMine === 1 ? 'time' : 'times'}` : ''
    let mineEl = section.querySelector<HTMLElement>('[data-clap-mine]')
    if (!mineEl && mineLine) {
      mineEl = document.createElement('span')
      mineEl.className = 'applause__mine'
      mineEl.dataset.clapMine = ''
      section.querySelector('.applause__counts')?.append(mineEl)
    }
    if (mineEl) mineEl.textContent = mineLine
    button?.classList.toggle('clap__button--clapped', shownMine > 0)
    if (button) button.disabled = shownMine >= MAX
    showBubble()
  }

  function showBubble() {
    if (!bubble || burst === 0) return
    bubble.textContent = mine + pending >= MAX && pending === 0 ? '50' : `+${burst}`
    bubble.hidden = false
    bubble.classList.remove('clap__bubble--pop')
    void bubble.offsetWidth // restart the CSS animation
    bubble.classList.add('clap__bubble--pop')
    window.clearTimeout(bubbleTimer)
    bubbleTimer = window.setTimeout(() => {
      bubble.hidden = true
      burst = 0
    }, 1200)
  }

  form.addEventListener('submit', (event) => event.preventDefault())
  // Keyboard (Enter or Space) and assistive technology click: one clap each.
  button.addEventListener('click', (event) => {
    if (event.detail === 0) clapOnce()
  })
  button.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return
    button.setPointerCapture?.(event.pointerId)
    startHold()
  })
  for (const type of ['pointerup', 'pointercancel', 'lostpointercapture'] as const) button.addEventListener(type, stopHold)
  // A hold on touch screens must not open the context menu.
  button.addEventListener('contextmenu', (event) => event.preventDefault())
  window.addEventListener('pagehide', flush)
  // A page restored from the back-forward cache may show stale counts: ask for the current ones.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) void refresh()
  })

  async function refresh() {
    const response = await fetch(`/api/articles/${encodeURIComponent(slug)}`, { credentials: 'same-origin' })
    if (!response.ok) return
    const { article } = (await response.json()) as { article: { claps: number; favoritesCount: number; myClaps: number } }
    mine = article.myClaps
    total = article.claps
    setText(section, '[data-clap-fans]', plural(article.favoritesCount, 'fan'))
    render()
  }
}

function setText(root: ParentNode, selector: string, text: string): void {
  const element = root.querySelector(selector)
  if (element) element.textContent = text
}

function plural(n: number, word: string): string {
  const shown = n < 1000 ? String(n) : n < 1_000_000 ? `${(Math.floor(n / 100) / 10).toString()}K` : `${(Math.floor(n / 100_000) / 10).toString()}M`
  return `${shown} ${n === 1 ? word : word + 's'}`
}
