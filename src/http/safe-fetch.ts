// Server-side requests to URLs a user gave us (an imported post's images, for now): the guard
// against server-side request forgery. Only http(s), only to public addresses, checked after DNS
// and then connected to that very address (a name cannot resolve to a public address for the
// check and to a private one for the request), again after every redirect (at most 3), with a
// time limit and a size cap. Tests that serve from 127.0.0.1 pass their own allowAddress; the
// app never does, and no setting turns the guard off.
import { lookup as dnsLookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { BlockList, isIP } from 'node:net'

export type FetchPolicy = {
  /**
   * Whether a resolved address may be fetched from. Default: public unicast addresses only.
   * Tests that serve from 127.0.0.1 pass `(address) => address === '127.0.0.1'`; nothing in the app does.
   */
  allowAddress: (address: string, family: 4 | 6) => boolean
  /** Resolves a host name; injectable so tests need no DNS. */
  lookup: (host: string) => Promise<{ address: string; family: number }[]>
  /** Per attempt, connecting to the last byte. */
  timeoutMs: number
  maxBytes: number
  /** Further attempts after a failure that may pass (network errors, 5xx, 429). */
  retries: number
  retryDelayMs: number
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  allowAddress: isPublicAddress,
  lookup: (host) => dnsLookup(host, { all: true, verbatim: true }),
  timeoutMs: 15_000,
  maxBytes: 20 * 1024 * 1024,
  retries: 2,
  retryDelayMs: 500,
}

export const MAX_REDIRECTS = 3

export class FetchRefused extends Error {
  /** false: trying again will not help (a private address, a 404, too large). */
  retryable: boolean
  constructor(message: string, retryable = false) {
    super(message)
    this.retryable = retryable
  }
}

const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  // ::/96 holds :: and ::1 and the old IPv4-compatible form (::7f00:1 is 127.0.0.1);
  // ::ffff:0:0:0/96 is the IPv4-translated form. IPv4-mapped addresses are checked as IPv4.
  ['::', 96], ['::ffff:0:0:0', 96], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32],
  ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64],
] as const) blocked.addSubnet(net, prefix, 'ipv6')

/**
 * Loopback, private, link-local (169.254.169.254, the cloud metadata address, among them),
 * carrier-grade NAT, multicast, documentation and reserved ranges are not public.
 */
export function isPublicAddress(address: string, family: 4 | 6): boolean {
  const mapped = family === 6 ? mappedIPv4(address) : undefined
  if (mapped) return isPublicAddress(mapped, 4)
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

// ::ffff:127.0.0.1 and ::ffff:7f00:1 (how URL writes it) are both 127.0.0.1.
function mappedIPv4(address: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (dotted) return dotted
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
  if (!hex) return undefined
  const [high, low] = [parseInt(hex[1] as string, 16), parseInt(hex[2] as string, 16)]
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
}

export type Fetched = { bytes: Uint8Array; contentType: string | undefined }

/** One GET, following redirects; throws FetchRefused with a reason fit to show the user. */
export async function safeFetch(url: string, policy: FetchPolicy = DEFAULT_FETCH_POLICY, accept = '*/*', redirects = MAX_REDIRECTS): Promise<Fetched> {
  const target = URL.parse(url)
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) throw new FetchRefused('not an http(s) URL')
  if (target.username || target.password) throw new FetchRefused('URLs with credentials are not fetched')
  const address = await vettedAddress(target.hostname.replace(/^\[|\]$/g, ''), policy)
  const response = await request(target, address, policy, accept)
  if (response.redirect) {
    if (redirects <= 0) throw new FetchRefused('too many redirects')
    return safeFetch(new URL(response.redirect, target).href, policy, accept, redirects - 1)
  }
  return response.body as Fetched
}

async function vettedAddress(host: string, policy: FetchPolicy): Promise<{ address: string; family: 4 | 6 }> {
  const literal = isIP(host)
  let addresses: { address: string; family: number }[]
  try {
    addresses = literal ? [{ address: host, family: literal }] : await policy.lookup(host)
  } catch {
    throw new FetchRefused(`cannot resolve ${host}`, true)
  }
  if (!addresses.length) throw new FetchRefused(`cannot resolve ${host}`, true)
  // Every address must be public: a name that also resolves inside the network is refused.
  for (const { address, family } of addresses) {
    if (!policy.allowAddress(address, family === 6 ? 6 : 4)) throw new FetchRefused(`${host} is not a public address (${address})`)
  }
  const first = addresses[0] as { address: string; family: number }
  return { address: first.address, family: first.family === 6 ? 6 : 4 }
}

type Answer = { redirect?: string; body?: Fetched }

function request(target: URL, pinned: { address: string; family: 4 | 6 }, policy: FetchPolicy, accept: string): Promise<Answer> {
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = client.get(target, {
      // Connect to the address that was checked, whatever DNS says now.
      lookup: (_host, options, callback) => {
        if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned])
        else (callback as (e: null, a: string, f: number) => void)(null, pinned.address, pinned.family)
      },
      headers: { accept, 'user-agent': 'Ovation-Importer/1' },
      timeout: policy.timeoutMs,
    }, (res) => {
      const status = res.statusCode ?? 0
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume()
        return resolve({ redirect: res.headers.location })
      }
      if (status !== 200) {
        res.resume()
        return reject(new FetchRefused(`the server answered ${status}`, status >= 500 || status === 429))
      }
      const declared = Number(res.headers['content-length'])
      if (declared > policy.maxBytes) {
        res.destroy()
        return reject(new FetchRefused(`larger than ${policy.maxBytes} bytes`))
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > policy.maxBytes) {
          res.destroy()
          reject(new FetchRefused(`larger than ${policy.maxBytes} bytes`))
          return
        }
        chunks.push(chunk)
      })
      res.on('end', () => resolve({ body: { bytes: Buffer.concat(chunks), contentType: res.headers['content-type'] } }))
      res.on('error', (error) => reject(new FetchRefused(error.message, true)))
      // Cut off mid-body (the time limit, a dropped connection): a later settle is a no-op.
      res.on('close', () => { if (!res.complete) reject(new FetchRefused('the connection closed before the body arrived', true)) })
    })
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${policy.timeoutMs} ms`)), policy.timeoutMs)
    req.on('close', () => clearTimeout(deadline))
    req.on('timeout', () => req.destroy(new Error(`no answer within ${policy.timeoutMs} ms`)))
    req.on('error', (error) => reject(new FetchRefused(error.message, true)))
  })
}
