#!/usr/bin/env node
// Generates src/lib/api/schema.d.ts from the API's OpenAPI schema.
//
//   npm run api:generate            regenerate the committed types
//   npm run api:check               regenerate into memory and fail when they differ (drift check)
//
// The schema comes from the API itself (`python -m addax_api.cli openapi`, run with the
// repository's virtual environment), so the types always describe the code as it is.
// OPENAPI_SCHEMA=path/to/schema.json uses a schema file instead (CI without the venv).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const here = dirname(fileURLToPath(import.meta.url))
const frontendDir = resolve(here, '..')
const repoRoot = resolve(frontendDir, '../..')
const target = resolve(frontendDir, 'src/lib/api/schema.d.ts')
const check = process.argv.includes('--check')

function loadSchema() {
  const file = process.env.OPENAPI_SCHEMA
  if (file) return JSON.parse(readFileSync(resolve(process.cwd(), file), 'utf8'))
  const python = process.env.PYTHON ?? resolve(repoRoot, '.venv/bin/python')
  if (!existsSync(python)) {
    throw new Error(`No Python at ${python}: create the repository venv or set OPENAPI_SCHEMA / PYTHON`)
  }
  const out = execFileSync(python, ['-m', 'addax_api.cli', 'openapi'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The schema must not depend on a developer's local settings.
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  })
  return JSON.parse(out)
}

const banner = `/**
 * GENERATED FILE — do not edit by hand.
 * Source: the AddaxAI Connect API's OpenAPI schema (python -m addax_api.cli openapi).
 * Regenerate with \`npm run api:generate\`; \`npm run api:check\` fails when this file drifts.
 */

`

const schema = loadSchema()
const ast = await openapiTS(schema, { alphabetize: false, exportType: false })
const generated = banner + astToString(ast)

if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : ''
  if (current !== generated) {
    const a = current.split('\n')
    const b = generated.split('\n')
    let line = 0
    while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++
    console.error(`api:check FAILED — ${target} is out of date with the API schema.`)
    console.error(`First difference at line ${line + 1}:`)
    console.error(`  committed: ${a[line] ?? '<end of file>'}`)
    console.error(`  generated: ${b[line] ?? '<end of file>'}`)
    console.error('Run `npm run api:generate` and commit the result (then fix any type errors it reveals).')
    process.exit(1)
  }
  console.log('api:check OK — generated API types match the schema.')
} else {
  writeFileSync(target, generated)
  console.log(`Wrote ${target} (${generated.length} bytes)`)
}
