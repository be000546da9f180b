// Writes .br and .gz beside each text file of dist/ after `vite build`, so the API (local mode,
// addax_api/frontend.py) serves them pre-compressed at the best level without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const DIST = new URL('../dist/', import.meta.url).pathname
const TEXT = /\.(html|js|mjs|css|json|svg|txt|map|webmanifest|xml)$/
const MIN_BYTES = 1024

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

let count = 0
for (const path of files(DIST)) {
  if (!TEXT.test(path)) continue
  const body = readFileSync(path)
  if (body.length < MIN_BYTES) continue
  writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }))
  count++
}
console.log(`compress-dist: ${count} files written as .br and .gz`)
