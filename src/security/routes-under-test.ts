// Every route the app registers, read back from the running app, so the fuzzer and the
// authorisation table cover a route the day it is added, without anyone listing it by hand.
//
// Fastify keeps no public list of routes, and buildApp() registers them before a test could add
// an onRoute hook. printRoutes() does show the whole router tree; we rebuild each path from it.
// A parameter node shared by two routes prints as `:slug|:id`, so the real parameter names are
// asked of the router (findRoute) for each path rebuilt.
import type { FastifyInstance, HTTPMethods } from 'fastify'

export type RegisteredRoute = { method: HTTPMethods; url: string }

/** `POST /api/articles/:slug/claps`: how the tables and failure messages name a route. */
export function routeKey(route: RegisteredRoute): string {
  return `${route.method} ${route.url}`
}

/**
 * Every (method, path) the app answers, HEAD left out: Fastify adds it to every GET and it runs
 * the GET handler. Sorted, so runs and failure messages are stable.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes = new Map<string, RegisteredRoute>()
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ├└─]*?)(?:[├└]── )?([^ ]+)(?: \(([^)]*)\))?$/.exec(line.replace(/\s+$/, ''))
    if (!match || !match[2]) continue
    const depth = Math.floor((match[1]?.length ?? 0) / 4)
    stack.length = depth
    stack.push(match[2])
    if (!match[3]) continue
    const pattern = stack.join('')
    for (const method of match[3].split(',').map((m) => m.trim() as HTTPMethods)) {
      if (method === 'HEAD') continue
      const url = withRealParamNames(app, method, pattern)
      routes.set(`${method} ${url}`, { method, url })
    }
  }
  return [...routes.values()].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
}

// `/responses/:slug|:id/:id/delete` → ask the router which names this route really uses.
function withRealParamNames(app: FastifyInstance, method: HTTPMethods, pattern: string): string {
  const url = pattern.replace(/:([A-Za-z_]\w*)(?:\|:[A-Za-z_]\w*)+/g, ':$1')
  if (!url.includes(':')) return url
  const found = app.findRoute({ method, url }) as { params?: Record<string, string> } | null
  if (!found?.params) throw new Error(`router does not know ${method} ${url}, rebuilt from printRoutes`)
  const names = Object.keys(found.params)
  let index = 0
  return url.replace(/:[A-Za-z_]\w*/g, () => `:${names[index++] ?? 'param'}`)
}

/** The URL with each `:name` replaced by the value given for it (encoded), as a client would send it. */
export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`no value for :${name} in ${url}`)
    return encodeURIComponent(value)
  })
}
