// Test helpers: a real HTTP server on a loopback port whose answers each test scripts, a
// localStorage for code that remembers settings, and a way to run a composable inside a component.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRenderer, defineComponent, type Plugin } from 'vue'

export interface Seen {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Send this text as is instead of JSON. */
  raw?: string
}

export type Handler = (req: Seen) => Reply

export interface TestServer {
  url: string
  seen: Seen[]
  handle: (handler: Handler) => void
  close: () => Promise<void>
}

export async function startServer(): Promise<TestServer> {
  const seen: Seen[] = []
  let handler: Handler = () => ({ status: 500, body: { code: 'internal', message: 'no handler', details: [] } })
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      seen.push(record)
      const reply = handler(record)
      const headers: Record<string, string> = { ...reply.headers }
      let payload = ''
      if (reply.raw !== undefined) payload = reply.raw
      else if (reply.body !== undefined) {
        payload = JSON.stringify(reply.body)
        headers['content-type'] = 'application/json; charset=utf-8'
      }
      headers['content-length'] = String(Buffer.byteLength(payload))
      res.writeHead(reply.status, headers)
      res.end(payload)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    handle: (h) => (handler = h),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export function errorBody(code: string, message: string, details: { field: string; reason: string }[] = []) {
  return { code, message, details, requestId: 'req-test-1' }
}

/** A Storage for tests (Node has no localStorage). */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  get length(): number {
    return this.items.size
  }
  clear(): void {
    this.items.clear()
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value))
  }
}

interface BlankNode {
  parent: BlankNode | null
  children: BlankNode[]
}

// The tests run in Node without a DOM; composables only need a component around them (for
// inject() and the lifecycle hooks), not anything drawn, so this renderer keeps a bare tree.
const blank = createRenderer<BlankNode, BlankNode>({
  createElement: () => ({ parent: null, children: [] }),
  createText: () => ({ parent: null, children: [] }),
  createComment: () => ({ parent: null, children: [] }),
  setText: () => {},
  setElementText: () => {},
  patchProp: () => {},
  insert: (child, parent, anchor) => {
    child.parent = parent
    const at = anchor ? parent.children.indexOf(anchor) : -1
    if (at < 0) parent.children.push(child)
    else parent.children.splice(at, 0, child)
  },
  remove: (child) => {
    const siblings = child.parent?.children
    if (siblings) siblings.splice(siblings.indexOf(child), 1)
    child.parent = null
  },
  parentNode: (node) => node.parent,
  nextSibling: (node) => {
    const siblings = node.parent?.children ?? []
    return siblings[siblings.indexOf(node) + 1] ?? null
  },
})

export interface Mounted<T> {
  result: T
  /** Leaves the page: runs the composable's unmount hooks. */
  unmount: () => void
}

/** Runs `setup` as the setup of a mounted component, with the app's plugins (router, Pinia). */
export function mountComposable<T>(setup: () => T, plugins: Plugin[] = []): Mounted<T> {
  let result: T | undefined
  const app = blank.createApp(
    defineComponent({
      setup() {
        result = setup()
        return () => null
      },
    }),
  )
  for (const plugin of plugins) app.use(plugin)
  app.mount({ parent: null, children: [] })
  return { result: result as T, unmount: () => app.unmount() }
}
