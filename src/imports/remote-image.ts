// Downloads an image a Medium post links to. The URL comes from an uploaded file, so this is a
// request an attacker can aim: it goes through the server-side request guard in
// src/http/safe-fetch.ts (public http(s) addresses only, each redirect checked again, size and
// time limits), with retries for failures that may pass.
import { DEFAULT_FETCH_POLICY, FetchRefused, safeFetch, type Fetched, type FetchPolicy } from '../http/safe-fetch.ts'

// The importer's callers and tests name these from here, as they did before the guard moved.
export { DEFAULT_FETCH_POLICY, FetchRefused, isPublicAddress, type FetchPolicy } from '../http/safe-fetch.ts'

export type FetchedImage = Fetched

/** Fetches with retries; throws FetchRefused with a reason fit for the import report. */
export async function fetchRemoteImage(url: string, policy: FetchPolicy = DEFAULT_FETCH_POLICY): Promise<FetchedImage> {
  let lastError: FetchRefused = new FetchRefused('not tried')
  for (let attempt = 0; attempt <= policy.retries; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, policy.retryDelayMs * attempt))
    try {
      return await safeFetch(url, policy, 'image/*')
    } catch (error) {
      lastError = error instanceof FetchRefused ? error : new FetchRefused(error instanceof Error ? error.message : String(error), true)
      if (!lastError.retryable) break
    }
  }
  throw lastError
}
