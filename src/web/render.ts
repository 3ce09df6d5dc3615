// Pages are Preact components rendered to a string on the server.
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'

export function renderDocument(page: VNode): string {
  return '<!doctype html>' + renderToString(page)
}

/** Sends a rendered page; pages that show a viewer's state are never stored by shared caches. */
export function sendPage(reply: import('fastify').FastifyReply, page: VNode, status = 200): void {
  reply.code(status).type('text/html; charset=utf-8').send(renderDocument(page))
}

/** A post-sign-in destination that stays on this site ("/@ann/story"), else the home page. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}
