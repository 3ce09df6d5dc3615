// Images into the story: picked with the "+" menu, dropped, or pasted. Each file goes to the
// uploads API (which checks, strips and resizes it) and comes back as a URL with its size.

export type Uploaded = { url: string; width: number; height: number }

export async function uploadImage(file: File): Promise<Uploaded> {
  const body = new FormData()
  body.append('file', file)
  let response: Response
  try {
    response = await fetch('/api/uploads', { method: 'POST', body, credentials: 'same-origin' })
  } catch {
    throw new Error('The image could not be sent: check your connection and try again.')
  }
  const json = (await response.json().catch(() => null)) as { upload?: Uploaded; errors?: Record<string, string[]> } | null
  if (!response.ok || !json?.upload) {
    const message = json?.errors ? Object.values(json.errors).flat()[0] : undefined
    throw new Error(message ? `The image was not added: ${message}` : `The image was not added (error ${response.status}).`)
  }
  return json.upload
}

/** The image files among dropped or pasted data, if any. */
export function imageFiles(data: DataTransfer | null): File[] {
  return data ? [...data.files].filter((file) => file.type.startsWith('image/')) : []
}

/** Asks the browser for one image file (the "+" menu's Image). */
export function pickImage(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png,image/webp,image/gif,image/avif'
    input.className = 'visually-hidden'
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null)
      input.remove()
    }, { once: true })
    input.addEventListener('cancel', () => {
      resolve(null)
      input.remove()
    }, { once: true })
    document.body.append(input)
    input.click()
  })
}
