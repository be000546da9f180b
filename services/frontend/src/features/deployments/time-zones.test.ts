import { describe, expect, it } from 'vitest'
import { resolveTimeZone, timeZoneNames } from './time-zones'

const NAMES = ['UTC', 'Africa/Nairobi', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Europe/Amsterdam', 'Asia/Kolkata']

describe('deployment time zones', () => {
  it('offers the IANA names the browser knows, UTC first', () => {
    const names = timeZoneNames()
    expect(names[0]).toBe('UTC')
    expect(names).toContain('Africa/Nairobi')
    expect(names).toContain('Europe/Amsterdam')
    expect(names).not.toContain('CEST')
  })

  it('keeps an unknown current zone so an old deployment still shows its value', () => {
    expect(timeZoneNames('Mars/Olympus')).toContain('Mars/Olympus')
    expect(timeZoneNames('Africa/Nairobi').filter((n) => n === 'Africa/Nairobi')).toHaveLength(1)
  })

  it('reads what was typed as a zone: exact, any case, or a unique city', () => {
    expect(resolveTimeZone('Africa/Nairobi', NAMES)).toBe('Africa/Nairobi')
    expect(resolveTimeZone(' africa/nairobi ', NAMES)).toBe('Africa/Nairobi')
    expect(resolveTimeZone('new york', NAMES)).toBe('America/New_York')
    expect(resolveTimeZone('Buenos Aires', NAMES)).toBe('America/Argentina/Buenos_Aires')
    expect(resolveTimeZone('utc', NAMES)).toBe('UTC')
  })

  it('refuses what names no zone', () => {
    for (const text of ['', '  ', 'CEST', 'Europe', 'Mars/Olympus', '+03:00']) expect(resolveTimeZone(text, NAMES)).toBeNull()
  })
})
