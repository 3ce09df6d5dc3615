import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { DEFAULT_FETCH_POLICY, fetchRemoteImage, isPublicAddress, type FetchPolicy } from './remote-image.ts'

describe('fetching an imported post’s images', () => {
  it('counts only public unicast addresses as public', () => {
    for (const [address, family] of [
      ['127.0.0.1', 4], ['10.1.2.3', 4], ['172.16.0.1', 4], ['192.168.1.1', 4], ['169.254.169.254', 4], ['100.64.0.1', 4],
      ['0.0.0.0', 4], ['224.0.0.1', 4], ['255.255.255.255', 4], ['::1', 6], ['::', 6], ['fe80::1', 6], ['fd00:ec2::254', 6],
      ['::ffff:127.0.0.1', 6], ['::ffff:169.254.169.254', 6],
    ] as const) assert.equal(isPublicAddress(address, family), false, address)
    for (const [address, family] of [['93.184.216.34', 4], ['151.101.1.140', 4], ['2606:4700::6810:85e5', 6], ['::ffff:8.8.8.8', 6]] as const) {
      assert.equal(isPublicAddress(address, family), true, address)
    }
  })

  it('refuses a name that resolves to a private address, and other schemes, without connecting', async () => {
    const policy: FetchPolicy = { ...DEFAULT_FETCH_POLICY, lookup: async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }] }
    await assert.rejects(fetchRemoteImage('https://images.example/a.png', policy), /not a public address \(10\.0\.0\.5\)/)
    await assert.rejects(fetchRemoteImage('file:///etc/passwd', policy), /not an http\(s\) URL/)
    await assert.rejects(fetchRemoteImage('http://[::1]:80/a.png', DEFAULT_FETCH_POLICY), /not a public address/)
    await assert.rejects(fetchRemoteImage('http://user:secret@images.example/a.png', policy), /credentials/)
  })

  it('stops at the size limit and at the time limit, and follows redirects only to allowed addresses', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/big') return void response.writeHead(200).end(Buffer.alloc(4096))
      if (request.url === '/slow') return void response.writeHead(200).write('x')
      if (request.url === '/to-metadata') return void response.writeHead(302, { location: 'http://169.254.169.254/x' }).end()
      response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    const local: FetchPolicy = { ...DEFAULT_FETCH_POLICY, allowAddress: (address) => address === '127.0.0.1', maxBytes: 1024, timeoutMs: 300, retries: 1, retryDelayMs: 10 }
    try {
      await assert.rejects(fetchRemoteImage(`${base}/big`, local), /larger than 1024 bytes/)
      await assert.rejects(fetchRemoteImage(`${base}/slow`, local), /no answer within 300 ms|closed before/)
      await assert.rejects(fetchRemoteImage(`${base}/to-metadata`, local), /169\.254\.169\.254 is not a public address/)
      await assert.rejects(fetchRemoteImage(`${base}/gone`, local), /answered 404/)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
