/** The alert history's filters live in the URL (shareable, back button); these read and write them. */
import type { HistoryFilters } from './api/alerts'

const STATUSES = ['sent', 'failed', 'pending'] as const
const DATE = /^\d{4}-\d{2}-\d{2}$/

function positive(value: string | null): number | undefined {
  const n = Number(value)
  return value && Number.isInteger(n) && n > 0 ? n : undefined
}

export function historyFilters(params: URLSearchParams, limit: number): HistoryFilters {
  const status = params.get('status')
  const date = (name: string) => {
    const v = params.get(name)
    return v && DATE.test(v) ? v : undefined
  }
  return {
    rule_id: positive(params.get('rule_id')),
    camera_id: positive(params.get('camera_id')),
    species: params.get('species')?.trim() || undefined,
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as HistoryFilters['status']) : undefined,
    date_from: date('date_from'),
    date_to: date('date_to'),
    page: positive(params.get('page')) ?? 1,
    limit,
  }
}

/** The URL's query for filters; the page size and page 1 stay out of it. */
export function historyParams(filters: HistoryFilters): URLSearchParams {
  const out = new URLSearchParams()
  for (const key of ['rule_id', 'camera_id', 'species', 'status', 'date_from', 'date_to'] as const) {
    const value = filters[key]
    if (value !== undefined && value !== '') out.set(key, String(value))
  }
  if (filters.page > 1) out.set('page', String(filters.page))
  return out
}
