import { describe, expect, it } from 'vitest'
import { bucketLabel, fillTimeline, spansYears } from './timeline'

describe('fillTimeline', () => {
  it('fills the days the API leaves out with zeros', () => {
    const filled = fillTimeline(
      [
        { timestamp: '2026-05-03T00:00:00Z', count: 2 },
        { timestamp: '2026-05-01T00:00:00Z', count: 5 },
      ],
      'day',
    )
    expect(filled.map((p) => [p.timestamp.slice(0, 10), p.count])).toEqual([
      ['2026-05-01', 5],
      ['2026-05-02', 0],
      ['2026-05-03', 2],
    ])
  })

  it('steps by week and month too', () => {
    const weeks = fillTimeline(
      [
        { timestamp: '2026-05-04T00:00:00Z', count: 1 },
        { timestamp: '2026-05-18T00:00:00Z', count: 1 },
      ],
      'week',
    )
    expect(weeks).toHaveLength(3)
    const months = fillTimeline(
      [
        { timestamp: '2026-01-01T00:00:00Z', count: 1 },
        { timestamp: '2026-04-01T00:00:00Z', count: 1 },
      ],
      'month',
    )
    expect(months.map((p) => p.count)).toEqual([1, 0, 0, 1])
  })

  it('does not invent thousands of empty buckets for a far outlier', () => {
    const points = [
      { timestamp: '2021-04-11T00:00:00Z', count: 3 },
      { timestamp: '2026-05-01T00:00:00Z', count: 1 },
    ]
    expect(fillTimeline(points, 'day')).toEqual(points)
    expect(spansYears(points)).toBe(true)
    expect(bucketLabel(points[0].timestamp, 'day', true)).toMatch(/2021/)
  })
})
