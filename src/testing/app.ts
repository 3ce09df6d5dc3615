// buildTestApp(engine): the real server on a fresh database, driven through app.inject()
// (real HTTP semantics, no open port), plus small helpers that read like a client.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import type { Db, Engine } from '../db/database.ts'
import { openTestDb } from './databases.ts'

export const TEST_ORIGIN = 'http://127.0.0.1:3000'

export type TestApp = {
  app: FastifyInstance
  db: Db
  engine: Engine
  close: () => Promise<void>
}

export async function buildTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await openTestDb(engine)
  const config = loadConfig({ BASE_URL: TEST_ORIGIN, SIGNIN_RATE_LIMIT: '1000', SEED_DEMO: '0', ...env })
  const app = await buildApp(config, db, { logger: false })
  await app.ready()
  return {
    app,
    db,
    engine,
    close: async () => {
      await app.close()
      await db.close()
    },
  }
}

export type CallOptions = { token?: string; cookie?: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> }

/** One request as a client would send it; JSON bodies by default, form bodies with `form`. */
export function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Token ${options.token}`
  if (options.cookie) {
    headers.cookie = options.cookie
    headers.origin ??= TEST_ORIGIN
  }
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers.origin ??= TEST_ORIGIN
    return app.inject({ method, url, headers, payload: new URLSearchParams(options.form).toString() })
  }
  return app.inject({ method, url, headers, ...(options.body === undefined ? {} : { payload: options.body as object }) })
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'ovation_session')
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}`)
  return `ovation_session=${cookie.value}`
}
