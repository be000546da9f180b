import { describe, expect, it } from 'vitest'
import type { AlertRule } from '@/lib/api/types'
import { formFromRule, formFromTemplate, ruleBodyFromForm, ruleSummary, templateOf } from './rule-form'

const square = { type: 'Polygon' as const, coordinates: [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52.1], [5, 52]]] }

function stored(overrides: Partial<AlertRule>): AlertRule {
  return {
    id: 7,
    name: 'Wolves',
    kind: 'species',
    enabled: true,
    conditions: {},
    area: null,
    cooldown_minutes: 30,
    mode: 'immediate',
    digest_time: null,
    timezone: 'Europe/Amsterdam',
    channel_ids: [3],
    created_at: '2026-05-01T00:00:00Z',
    updated_at: null,
    ...overrides,
  }
}

describe('rule templates → conditions', () => {
  it('species at cameras: the labels, confidence, count and cameras chosen', () => {
    const form = { ...formFromTemplate('species_cameras', 'UTC'), species: ['wolf'], groups: ['large carnivores'], camera_ids: [4, 5], min_count: '2' }
    const { body, errors } = ruleBodyFromForm(form)
    expect(errors).toEqual({})
    expect(body).toMatchObject({
      kind: 'species',
      area: null,
      mode: 'immediate',
      conditions: { species: ['wolf'], groups: ['large carnivores'], min_confidence: 0.5, min_count: 2, camera_ids: [4, 5] },
    })
  })

  it('species in an area sends the polygon, not the camera list, and needs one drawn', () => {
    const form = { ...formFromTemplate('species_area', 'UTC'), species: ['wolf'], camera_ids: [4] }
    expect(ruleBodyFromForm(form).errors.area).toMatch(/Draw the area/)
    const { body, errors } = ruleBodyFromForm({ ...form, area: square })
    expect(errors).toEqual({})
    expect(body.area).toEqual(square)
    expect(body.conditions).not.toHaveProperty('camera_ids')
  })

  it('health templates fill their threshold and send only health conditions', () => {
    expect(ruleBodyFromForm(formFromTemplate('battery_low', 'UTC')).body).toMatchObject({ kind: 'camera_health', conditions: { battery_below: 20 } })
    expect(ruleBodyFromForm(formFromTemplate('sd_full', 'UTC')).body.conditions).toEqual({ sd_above: 90 })
    expect(ruleBodyFromForm(formFromTemplate('camera_silent', 'UTC')).body).toMatchObject({ kind: 'camera_silent', conditions: { silent_hours: 24 } })
  })

  it('refuses what the server refuses, naming the field', () => {
    const species = formFromTemplate('species_cameras', 'UTC')
    expect(ruleBodyFromForm(species).errors.species).toBeTruthy()
    const window = ruleBodyFromForm({ ...species, species: ['wolf'], time_start: '22:00', time_end: '06:00' })
    expect(window.errors.time_end).toMatch(/ends before it starts/)
    expect(ruleBodyFromForm({ ...species, species: ['wolf'], time_start: '22:00' }).errors.time_end).toMatch(/both/)
    expect(ruleBodyFromForm({ ...species, species: ['wolf'], cooldown_minutes: '-1' }).errors.cooldown_minutes).toBeTruthy()
    expect(ruleBodyFromForm({ ...species, species: ['wolf'], min_confidence: '1.5' }).errors.min_confidence).toBeTruthy()
    expect(ruleBodyFromForm({ ...species, species: ['wolf'], mode: 'digest_daily' }).errors.digest_time).toBeTruthy()
    const health = { ...formFromTemplate('battery_low', 'UTC'), battery_below: '', temperature_min: '10', temperature_max: '5' }
    expect(ruleBodyFromForm(health).errors.temperature_max).toMatch(/above the minimum/)
    expect(ruleBodyFromForm({ ...health, temperature_min: '', temperature_max: '' }).errors.battery_below).toBeTruthy()
  })

  it('sends days in week order and leaves out "every day"', () => {
    const form = { ...formFromTemplate('species_cameras', 'UTC'), species: ['wolf'], days: ['sun' as const, 'mon' as const] }
    expect(ruleBodyFromForm(form).body.conditions?.days).toEqual(['mon', 'sun'])
    const all = { ...form, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as typeof form.days }
    expect(ruleBodyFromForm(all).body.conditions).not.toHaveProperty('days')
  })

  it('round-trips a stored rule through the editor unchanged', () => {
    const rule = stored({
      conditions: { species: ['wolf'], min_confidence: 0.7, min_count: 1, time_start: '20:00', time_end: '23:30', days: [0, 'sat'] },
      area: square,
      mode: 'digest_daily',
      digest_time: '07:00',
    })
    const form = formFromRule(rule)
    expect(form.template).toBe('species_area')
    expect(form.days).toEqual(['mon', 'sat'])
    const { body, errors } = ruleBodyFromForm(form)
    expect(errors).toEqual({})
    expect(body).toMatchObject({ area: square, digest_time: '07:00', channel_ids: [3], timezone: 'Europe/Amsterdam' })
    expect(body.conditions).toMatchObject({ species: ['wolf'], min_confidence: 0.7, time_start: '20:00', time_end: '23:30' })
  })

  it('recognises the template of stored rules and sums them up', () => {
    expect(templateOf(stored({ kind: 'camera_health', conditions: { sd_above: 80 } }))).toBe('sd_full')
    expect(templateOf(stored({ kind: 'camera_health', conditions: { battery_below: 15, sd_above: 80 } }))).toBe('battery_low')
    expect(ruleSummary(stored({ conditions: { groups: ['large carnivores'], min_count: 2 } }))).toBe('2+ × large carnivores at any camera')
    expect(ruleSummary(stored({ conditions: { species: ['wolf'], camera_ids: [4] } }))).toBe('wolf at 1 camera')
    expect(ruleSummary(stored({ conditions: { species: ['wolf'] }, area: square }))).toBe('wolf in the drawn area')
    expect(ruleSummary(stored({ kind: 'camera_health', conditions: { battery_below: 20 } }))).toBe('Battery below 20%')
  })
})
