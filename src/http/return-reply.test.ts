import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import Fastify from 'fastify'
import { installReturnReply } from './return-reply.ts'

describe('return reply, for every route', () => {
  it('sends once when a handler sends and ends while an async onSend hook is still running', async () => {
    const warnings: string[] = []
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => { warnings.push(line) } } } })
    installReturnReply(app)
    app.addHook('onSend', async (_request, _reply, payload) => {
      await new Promise((done) => setTimeout(done, 5))
      return payload
    })
    app.delete('/sent', async (_request, reply) => { reply.code(204).send() })
    app.get('/returned', async () => ({ ok: true }))
    app.get('/redirected', async (_request, reply) => { reply.redirect('/returned', 303) })
    assert.equal((await app.inject({ method: 'DELETE', url: '/sent' })).statusCode, 204)
    assert.deepEqual((await app.inject({ method: 'GET', url: '/returned' })).json(), { ok: true })
    assert.equal((await app.inject({ method: 'GET', url: '/redirected' })).statusCode, 303)
    await new Promise((done) => setTimeout(done, 20))
    assert.deepEqual(warnings, [])
    await app.close()
  })
})
