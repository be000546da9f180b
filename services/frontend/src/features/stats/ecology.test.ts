import { describe, expect, it } from 'vitest'
import { accumulationCurve, activityFor, formatRai, formatTrapDays, HOURS, peakHours } from './ecology'

describe('ecology helpers', () => {
  it('labels 24 hours', () => {
    expect(HOURS).toHaveLength(24)
    expect([HOURS[0], HOURS[9], HOURS[23]]).toEqual(['00', '09', '23'])
  })

  it('formats RAI and trap-days', () => {
    expect(formatRai(15.3846)).toBe('15.4')
    expect(formatRai(5.1282)).toBe('5.13')
    expect(formatRai(null)).toBe('—')
    expect(formatTrapDays(19.5)).toBe('19.5')
    expect(formatTrapDays(10)).toBe('10')
  })

  it('picks a species series or the total', () => {
    const deer = { species: 'deer', detections: Array(24).fill(1), events: Array(24).fill(0) }
    const total = { species: null, detections: Array(24).fill(2), events: Array(24).fill(1) }
    const activity = { independence_interval_minutes: 30, total, species: [deer] }
    expect(activityFor(activity, null)).toBe(total)
    expect(activityFor(activity, 'deer')).toBe(deer)
    expect(activityFor(activity, 'fox').detections.every((n) => n === 0)).toBe(true)
  })

  it('finds the peak hours', () => {
    const values = Array(24).fill(0)
    values[21] = 3
    values[5] = 3
    values[6] = 1
    expect(peakHours(values)).toEqual(['05:00', '21:00'])
    expect(peakHours(Array(24).fill(0))).toEqual([])
  })

  it('has no curve without survey days', () => {
    expect(accumulationCurve([])).toEqual([])
  })

  it('collapses days that add neither effort nor species', () => {
    const points = [
      { date: '2024-06-01', trap_days: 1.5, species_count: 0, new_species: [] },
      { date: '2024-06-02', trap_days: 3.5, species_count: 1, new_species: ['deer'] },
      { date: '2024-06-03', trap_days: 3.5, species_count: 1, new_species: [] },
      { date: '2024-06-04', trap_days: 3.5, species_count: 1, new_species: [] },
      { date: '2024-06-05', trap_days: 4.5, species_count: 2, new_species: ['fox'] },
    ]
    expect(accumulationCurve(points)).toEqual([
      { x: 0, y: 0, date: '2024-06-01' },
      { x: 1.5, y: 0, date: '2024-06-01' },
      { x: 3.5, y: 1, date: '2024-06-04' },
      { x: 4.5, y: 2, date: '2024-06-05' },
    ])
  })
})
