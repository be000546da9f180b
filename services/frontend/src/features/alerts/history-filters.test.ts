import { describe, expect, it } from 'vitest'
import { historyFilters, historyParams } from './history-filters'

describe('alert history filters in the URL', () => {
  it('reads valid filters and drops junk', () => {
    const params = new URLSearchParams('rule_id=3&camera_id=x&status=failed&date_from=2026-05-01&date_to=yesterday&page=2&species=%20wolf%20')
    expect(historyFilters(params, 25)).toEqual({
      rule_id: 3, camera_id: undefined, species: 'wolf', status: 'failed', date_from: '2026-05-01', date_to: undefined, page: 2, limit: 25,
    })
    expect(historyFilters(new URLSearchParams('status=bogus&page=-1'), 25)).toMatchObject({ status: undefined, page: 1 })
  })

  it('writes only what is set, page 1 left out', () => {
    expect(historyParams({ rule_id: 3, status: 'sent', page: 1, limit: 25 }).toString()).toBe('rule_id=3&status=sent')
    expect(historyParams({ page: 4, limit: 25 }).toString()).toBe('page=4')
  })
})
