/**
 * The API's 422 answers as messages next to the form's fields. The alerts API names fields in
 * `[{field, message}]` (from the rule and channel validators); FastAPI's own validation answers
 * `[{loc: ["body", "conditions", "species"], msg}]`. Both arrive here; a message for a field the form
 * does not show is listed above the form instead of being lost.
 */
import { ApiError } from '@/lib/api/errors'

export interface FieldErrors {
  fields: Record<string, string>
  other: string[]
}

// Containers a field name may be nested in; the form names the field itself.
const CONTAINERS = new Set(['body', 'conditions', 'settings', 'query', 'path'])

function fieldName(entry: Record<string, unknown>): string {
  if (typeof entry.field === 'string') return entry.field.split('.').filter((p) => !CONTAINERS.has(p)).join('.')
  if (Array.isArray(entry.loc)) {
    const parts = entry.loc.map(String).filter((p) => !CONTAINERS.has(p) && !/^\d+$/.test(p))
    return parts.join('.')
  }
  return ''
}

export function fieldErrors(error: unknown, known: readonly string[]): FieldErrors {
  const out: FieldErrors = { fields: {}, other: [] }
  if (!(error instanceof ApiError)) {
    if (error instanceof Error) out.other.push(error.message)
    return out
  }
  const raw = error.detail
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object' && Array.isArray((raw as { errors?: unknown }).errors)
      ? (raw as { errors: unknown[] }).errors
      : null
  if (error.status !== 422 || !list) {
    out.other.push(error.message)
    return out
  }
  for (const item of list) {
    if (!item || typeof item !== 'object') {
      out.other.push(String(item))
      continue
    }
    const entry = item as Record<string, unknown>
    const message = String(entry.message ?? entry.msg ?? 'is not valid')
    const name = fieldName(entry)
    if (name && known.includes(name)) {
      // Several problems with one field (two unknown species) read as one sentence.
      out.fields[name] = out.fields[name] ? `${out.fields[name]}; ${message}` : message
    } else out.other.push(name ? `${name}: ${message}` : message)
  }
  return out
}
