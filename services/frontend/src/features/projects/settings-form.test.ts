import { describe, expect, it } from 'vitest'
import type { Project } from '@/lib/api/types'
import { formFromProject, settingsFromForm, timeZones } from './settings-form'

const project: Project = {
  id: 2,
  slug: 'wolves',
  name: 'Wolf survey',
  description: null,
  timezone: 'Europe/Amsterdam',
  independence_interval_minutes: 30,
  sequence_gap_seconds: 60,
  allowed_species: ['wolf', 'red_fox'],
  geofence_countries: ['FRA'],
  thresholds: { detection: 0.3, classification: null },
  created_at: '2026-01-01T00:00:00Z',
  archived_at: null,
  role: 'admin',
}

describe('project settings form', () => {
  it('round-trips a project into an update', () => {
    const { update, errors } = settingsFromForm(formFromProject(project))
    expect(errors).toEqual({})
    expect(update).toEqual({
      name: 'Wolf survey',
      description: null,
      timezone: 'Europe/Amsterdam',
      independence_interval_minutes: 30,
      sequence_gap_seconds: 60,
      allowed_species: ['wolf', 'red_fox'],
      geofence_countries: ['FRA'],
      thresholds: { detection: 0.3, classification: null },
    })
  })

  it('reads geofence countries as ISO alpha-3 codes and refuses anything else', () => {
    const form = { ...formFromProject(project), geofence_countries: 'fra, che\nFRA' }
    expect(settingsFromForm(form).update.geofence_countries).toEqual(['FRA', 'CHE'])
    expect(settingsFromForm({ ...form, geofence_countries: 'France' }).errors.geofence_countries).toMatch(/ISO/)
  })

  it('reads the species list one per line (or comma separated), without blanks or repeats', () => {
    const form = { ...formFromProject(project), allowed_species: 'wolf\n\n red_fox, wolf \nbadger' }
    expect(settingsFromForm(form).update.allowed_species).toEqual(['wolf', 'red_fox', 'badger'])
  })

  it('refuses what the API would refuse, next to the field', () => {
    const form = {
      ...formFromProject(project),
      name: '  ',
      independence_interval_minutes: '-1',
      sequence_gap_seconds: '1.5',
      detection_threshold: '2',
    }
    expect(Object.keys(settingsFromForm(form).errors).sort()).toEqual([
      'detection_threshold',
      'independence_interval_minutes',
      'name',
      'sequence_gap_seconds',
    ])
  })

  it('offers the browser time zones, with the project zone first if the browser lacks it', () => {
    expect(timeZones('Europe/Amsterdam')).toContain('Europe/Amsterdam')
    expect(timeZones('Mars/Olympus')[0]).toBe('Mars/Olympus')
  })
})
