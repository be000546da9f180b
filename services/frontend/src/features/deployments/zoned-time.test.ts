import { describe, expect, it } from 'vitest'
import { utcToZoned, zonedToUtc } from './zoned-time'

describe('wall-clock times in a deployment time zone', () => {
  it('reads a local time in the zone, not in the browser', () => {
    expect(zonedToUtc('2024-06-01T14:05', 'Africa/Nairobi')).toBe('2024-06-01T11:05:00.000Z') // UTC+3
    expect(zonedToUtc('2024-01-15T08:00', 'America/New_York')).toBe('2024-01-15T13:00:00.000Z') // EST
    expect(zonedToUtc('2024-07-15T08:00', 'America/New_York')).toBe('2024-07-15T12:00:00.000Z') // EDT
    expect(zonedToUtc('2024-06-01T00:00', 'UTC')).toBe('2024-06-01T00:00:00.000Z')
  })

  it('handles the days clocks change', () => {
    // Europe/Amsterdam: 31 March 2024 02:00 -> 03:00; 27 October 03:00 -> 02:00.
    expect(zonedToUtc('2024-03-31T01:30', 'Europe/Amsterdam')).toBe('2024-03-31T00:30:00.000Z')
    expect(zonedToUtc('2024-03-31T03:30', 'Europe/Amsterdam')).toBe('2024-03-31T01:30:00.000Z')
    expect(zonedToUtc('2024-03-31T02:30', 'Europe/Amsterdam')).toBe('2024-03-31T01:30:00.000Z') // does not exist
    expect(zonedToUtc('2024-10-27T12:00', 'Europe/Amsterdam')).toBe('2024-10-27T11:00:00.000Z')
  })

  it('round-trips through the form value', () => {
    for (const zone of ['Africa/Nairobi', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC']) {
      const utc = '2024-11-30T23:45:00.000Z'
      expect(zonedToUtc(utcToZoned(utc, zone), zone)).toBe(utc)
    }
    expect(utcToZoned('2024-06-01T11:05:00Z', 'Africa/Nairobi')).toBe('2024-06-01T14:05')
    expect(utcToZoned('2024-06-01T11:05:00Z', 'Asia/Kolkata')).toBe('2024-06-01T16:35')
  })

  it('refuses text that is not a datetime-local value', () => {
    expect(zonedToUtc('', 'UTC')).toBeNull()
    expect(zonedToUtc('yesterday', 'UTC')).toBeNull()
    expect(utcToZoned('nonsense', 'UTC')).toBe('')
  })
})
