// Inline SVG icons: no extra requests, and they take the text colour.

export function ClapIcon({ filled = false }: { filled?: boolean }) {
  return (
    <svg class="icon icon--clap" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="1.4"
        stroke-linejoin="round"
        d="M8.6 4.3 7.4 2.6M11.4 3.6l.2-2.1M14.2 4.6l1.4-1.6M6.2 10.2l4.9 4.9M5.3 13.4c-1-1-1-2.6 0-3.6s2.6-1 3.6 0l-.4-.4c-.9-.9-.9-2.3 0-3.2.9-.9 2.3-.9 3.2 0l5.2 5.2-.8-2.6c-.3-1 .3-2 1.3-2.2.8-.2 1.6.3 1.9 1.1l1.6 5.1c.9 2.8.1 5.9-2 8-2.9 2.9-7.6 2.9-10.5 0z"
      />
    </svg>
  )
}
