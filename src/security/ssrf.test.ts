// Server-side request forgery (issue 9): a URL a user gives us (an imported post's image) must
// never make the server reach into its own machine or network. Everything here goes through
// src/http/safe-fetch.ts with the app's own policy, except where a test serves the first hop
// itself from 127.0.0.1 and says so by allowing exactly that address.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { DEFAULT_FETCH_POLICY, isPublicAddress, safeFetch, type FetchPolicy } from '../http/safe-fetch.ts'

describe('server-side requests to user-given URLs', () => {
  let server: Server
  let base: string
  let hits: string[]
  // Our own test server on 127.0.0.1 is the only private address let through, on the first hop.
  const local: FetchPolicy = { ...DEFAULT_FETCH_POLICY, allowAddress: (address) => address === '127.0.0.1', maxBytes: 1024, timeoutMs: 2000, retries: 0 }

  before(async () => {
    hits = []
    server = createServer((request, response) => {
      hits.push(request.url ?? '')
      const url = new URL(request.url ?? '/', 'http://x')
      if (url.pathname === '/redirect') return void response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end()
      if (url.pathname === '/loop') return void response.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n')) + 1}` }).end()
      if (url.pathname === '/declared-large') return void response.writeHead(200, { 'content-length': '4096' }).end(Buffer.alloc(4096))
      if (url.pathname === '/streamed-large') {
        response.writeHead(200, { 'content-type': 'image/png' })
        for (let i = 0; i < 8; i++) response.write(Buffer.alloc(512))
        return void response.end()
      }
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('tiny image'))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  after(() => {
    server.closeAllConnections()
    server.close()
  })

  it('refuses loopback, private, link-local and metadata addresses with the default policy', async () => {
    for (const url of [
      `${base}/a.png`, 'http://127.0.0.1/', 'http://localhost.example/', 'http://10.0.0.8/', 'http://172.20.1.1/', 'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::1]/', 'http://[fd00::1]/',
      'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/', 'http://2130706433/', 'http://0x7f.1/',
    ]) {
      // Any name "resolves" to loopback here, as a hostile DNS record would.
      const policy: FetchPolicy = { ...DEFAULT_FETCH_POLICY, lookup: async () => [{ address: '127.0.0.1', family: 4 }], retries: 0 }
      await assert.rejects(safeFetch(url, policy), /is not a public address/, url)
    }
    assert.equal(hits.length, 0, 'nothing reached our server')
  })

  it('refuses a name with any private address among its public ones', async () => {
    const policy: FetchPolicy = { ...DEFAULT_FETCH_POLICY, lookup: async () => [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.10', family: 4 }] }
    await assert.rejects(safeFetch('https://images.example/cat.png', policy), /not a public address \(192\.168\.0\.10\)/)
  })

  it('refuses every scheme but http and https, and URLs with credentials', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/x', 'gopher://127.0.0.1:6379/_INFO', 'data:image/png;base64,AAAA', 'javascript:alert(1)', 'not a url']) {
      await assert.rejects(safeFetch(url), /not an http\(s\) URL/, url)
    }
    await assert.rejects(safeFetch('http://user:secret@images.example/a.png'), /credentials/)
  })

  it('checks every redirect again: none may lead to loopback or the metadata address', async () => {
    assert.deepEqual(Buffer.from((await safeFetch(`${base}/redirect?to=/ok.png`, local)).bytes).toString(), 'tiny image', 'a redirect to an allowed place works')
    for (const to of ['http://127.0.0.2/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::ffff:7f00:1]/']) {
      hits.length = 0
      await assert.rejects(safeFetch(`${base}/redirect?to=${encodeURIComponent(to)}`, local), /is not a public address/, to)
      assert.deepEqual(hits, [`/redirect?to=${encodeURIComponent(to)}`], 'only the first hop was requested')
    }
    await assert.rejects(safeFetch(`${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, local), /not an http\(s\) URL/)
  })

  it('follows at most three redirects', async () => {
    hits.length = 0
    await assert.rejects(safeFetch(`${base}/loop?n=0`, local), /too many redirects/)
    assert.equal(hits.length, 4)
  })

  it('refuses a body over the size cap, declared or streamed', async () => {
    await assert.rejects(safeFetch(`${base}/declared-large`, local), /larger than 1024 bytes/)
    await assert.rejects(safeFetch(`${base}/streamed-large`, local), /larger than 1024 bytes/)
  })

  it('counts IPv4 written inside IPv6 as the IPv4 address it is', () => {
    for (const address of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::7f00:1', '::ffff:0:7f00:1', '64:ff9b::a00:1']) {
      assert.equal(isPublicAddress(address, 6), false, address)
    }
    assert.equal(isPublicAddress('::ffff:808:808', 6), true, '8.8.8.8, mapped')
  })
})
