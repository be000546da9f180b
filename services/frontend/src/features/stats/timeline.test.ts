import { describe, expect, it } from 'vitest'
import { bucketLabel, chartTimeline, fillTimeline, periodStart, spansYears } from './timeline'

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

describe('chartTimeline', () => {
  const day = (iso: string, count: number) => ({ timestamp: `${iso}T00:00:00Z`, count })

  it('keeps the asked interval while its bars fit, filling the gaps', () => {
    const shown = chartTimeline([day('2026-05-01', 2), day('2026-05-04', 1)], 'day')
    expect(shown.interval).toBe('day')
    expect(shown.points.map((p) => p.count)).toEqual([2, 0, 0, 1])
  })

  it('sums years of days into months so an early image stays visible', () => {
    const points = [day('2021-04-11', 3), day('2026-05-01', 4), day('2026-05-20', 6)]
    const shown = chartTimeline(points, 'day')
    expect(shown.interval).toBe('month')
    expect(shown.periods).toBe(1866)
    expect(shown.points[0]).toEqual({ timestamp: '2021-04-01T00:00:00.000Z', count: 3 })
    expect(shown.points.at(-1)).toEqual({ timestamp: '2026-05-01T00:00:00.000Z', count: 10 })
    expect(shown.points).toHaveLength(62)
    expect(shown.points.reduce((s, p) => s + p.count, 0)).toBe(13)
  })

  it('goes only as coarse as needed: a month of hours becomes days, two years of days weeks', () => {
    const hours = chartTimeline([{ timestamp: '2026-05-01T05:00:00Z', count: 1 }, { timestamp: '2026-05-31T23:00:00Z', count: 2 }], 'hour')
    expect([hours.interval, hours.points.length]).toEqual(['day', 31])
    const days = chartTimeline([day('2025-01-06', 1), day('2026-12-27', 1)], 'day')
    expect([days.interval, days.points.length]).toEqual(['week', 103])
  })

  it('buckets weeks from Monday and months from the first, in UTC', () => {
    expect(periodStart('2026-05-03T23:30:00Z', 'week').toISOString()).toBe('2026-04-27T00:00:00.000Z')
    expect(periodStart('2026-05-04T00:00:00Z', 'week').toISOString()).toBe('2026-05-04T00:00:00.000Z')
    expect(periodStart('2026-05-31T23:59:59Z', 'month').toISOString()).toBe('2026-05-01T00:00:00.000Z')
    expect(periodStart('2026-05-31T23:59:59Z', 'hour').toISOString()).toBe('2026-05-31T23:00:00.000Z')
  })
})
