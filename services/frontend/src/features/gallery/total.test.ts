import { describe, expect, it } from 'vitest'
import { formatNumber } from '@/lib/format'
import { formatTotal } from './total'

describe('formatTotal', () => {
  it('shows an exact total as it is', () => {
    expect(formatTotal({ total: 1234, total_exact: true })).toBe(formatNumber(1234))
    expect(formatTotal({ total: 7 })).toBe('7')
  })

  it('marks a total the API stopped counting at as a lower bound', () => {
    expect(formatTotal({ total: 10000, total_exact: false })).toBe(`${formatNumber(10000)}+`)
    expect(formatTotal({ total: 10000, total_exact: false }).endsWith('+')).toBe(true)
  })
})
