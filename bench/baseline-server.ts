// The practical limit of this machine: a bare node:http server answering every request with the
// story page's bytes and headers, from memory. Run as a child process like Ovation, so both are
// measured the same way. Usage: baseline-server.ts <port> <page.html> <headers.json>
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const [port, pageFile, headersFile] = process.argv.slice(2)
const page = readFileSync(pageFile as string)
const headers = JSON.parse(readFileSync(headersFile as string, 'utf8')) as Record<string, string>

createServer((_request, response) => {
  response.writeHead(200, { ...headers, 'content-length': page.length })
  response.end(page)
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'))
