// Test helpers: a real HTTP server on a loopback port whose answers each test scripts, and a
// localStorage for code that remembers settings.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

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
