// A gateway for the shell tests of outbound warnings: speaks docs/integration/outbound.md as an
// SMS gateway must (each key taken once; a key sent again is answered with the reference it got
// the first time), checks the bearer token (env GATEWAY_TOKEN), and waits `?delay=MS` before
// answering, so that a test can kill a server while messages are in flight.
// GET /stats?prefix=alert-7- → {requests, received, taken, repeated} over the keys with that prefix.
// Prints "listening on port N" once it listens.
import http from 'node:http'

const token = process.env.GATEWAY_TOKEN ?? ''
const taken = new Map() // key → {reference, times received}
let requests = 0

function stats(prefix) {
  let received = 0
  let count = 0
  let repeated = 0
  for (const [key, entry] of taken) {
    if (!key.startsWith(prefix)) continue
    count += 1
    received += entry.times
    if (entry.times > 1) repeated += 1
  }
  return { requests, received, taken: count, repeated }
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://gateway')
  if (request.method === 'GET' && url.pathname === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(stats(url.searchParams.get('prefix') ?? '')))
    return
  }
  let body = ''
  request.setEncoding('utf8')
  request.on('data', (chunk) => (body += chunk))
  request.on('end', () => {
    requests += 1
    if (request.headers.authorization !== `Bearer ${token}`) {
      response.writeHead(401)
      response.end()
      return
    }
    const results = JSON.parse(body).messages.map((message) => {
      let entry = taken.get(message.key)
      if (!entry) {
        entry = { reference: `gw-${taken.size + 1}`, times: 0 }
        taken.set(message.key, entry)
      }
      entry.times += 1
      return { key: message.key, accepted: true, id: entry.reference }
    })
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ results }))
    }, Number(url.searchParams.get('delay') ?? 0))
  })
})
server.listen(0, '127.0.0.1', () => console.log(`listening on port ${server.address().port}`))
