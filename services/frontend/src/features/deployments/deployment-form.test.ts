import { describe, expect, it } from 'vitest'
import type { Deployment } from '@/lib/api/types'
import { deploymentFromForm, emptyForm, FEATURE_TYPE_LABELS, FEATURE_TYPES, formFromDeployment, serverErrors, setupSummary } from './deployment-form'

const filled = {
  ...emptyForm('Africa/Nairobi'),
  camera_id: '4',
  start: '2024-06-01T14:05',
  end: '2024-07-01T09:00',
  lat: '-1.25',
  lon: '36.5',
  location_name: ' Waterhole ',
  camera_height_m: '0.6',
  feature_type: 'waterSource' as const,
  clock_offset_seconds: '-3600',
}

describe('the deployment form', () => {
  it('builds the API body, times read in the deployment zone', () => {
    const { body, errors } = deploymentFromForm(filled)
    expect(errors).toEqual({})
    expect(body).toEqual({
      camera_id: 4,
      start_at: '2024-06-01T11:05:00.000Z',
      end_at: '2024-07-01T06:00:00.000Z',
      location: { lat: -1.25, lon: 36.5 },
      location_name: 'Waterhole',
      camera_height_m: 0.6,
      bait: null,
      habitat: null,
      feature_type: 'waterSource',
      notes: null,
      timezone: 'Africa/Nairobi',
      clock_offset_seconds: -3600,
    })
  })

  it('an empty end keeps the deployment running', () => {
    expect(deploymentFromForm({ ...filled, end: '' }).body.end_at).toBeNull()
  })

  it('names every field it refuses, as the API does', () => {
    const { errors } = deploymentFromForm({
      ...filled,
      camera_id: '',
      end: '2024-05-01T00:00',
      lat: '91',
      lon: 'east',
      camera_height_m: '-1',
      clock_offset_seconds: '1.5',
    })
    expect(Object.keys(errors).sort()).toEqual(['camera_height_m', 'camera_id', 'clock_offset_seconds', 'end', 'lat', 'lon'])
    expect(deploymentFromForm({ ...filled, start: '' }).errors.start).toBeTruthy()
    expect(deploymentFromForm({ ...filled, lat: '' }).errors.lat).toBeTruthy()
    expect(deploymentFromForm({ ...filled, lat: '91' }).errors.lat).toBe('Latitude must be between -90 and 90')
  })

  it('takes a time zone only from the IANA list, and reads a typed city as its zone', () => {
    expect(deploymentFromForm({ ...filled, timezone: 'CEST' }).errors.timezone).toMatch(/^Choose a time zone from the list/)
    expect(deploymentFromForm({ ...filled, timezone: '' }).errors.timezone).toBeTruthy()
    const typed = deploymentFromForm({ ...filled, timezone: 'nairobi' })
    expect(typed.errors).toEqual({})
    expect(typed.body.timezone).toBe('Africa/Nairobi')
    expect(typed.body.start_at).toBe(deploymentFromForm(filled).body.start_at)
  })

  it('round-trips a stored deployment', () => {
    const stored = {
      id: 1, camera_id: 4, camera_name: 'Cam', start_at: '2024-06-01T11:05:00Z', end_at: null,
      location: { lat: -1.25, lon: 36.5 }, location_name: null, camera_height_m: null, bait: null, habitat: null,
      feature_type: null, notes: null, timezone: 'Africa/Nairobi', clock_offset_seconds: 30, image_count: 0,
      created_at: '', updated_at: '',
    } satisfies Deployment
    const form = formFromDeployment(stored)
    expect(form.start).toBe('2024-06-01T14:05')
    const { body } = deploymentFromForm(form)
    expect(body.start_at).toBe('2024-06-01T11:05:00.000Z')
    expect(body.clock_offset_seconds).toBe(30)
  })

  it('puts the server 422 messages next to their fields', () => {
    expect(
      serverErrors([
        { loc: ['body', 'start_at'], msg: 'overlaps deployment 3' },
        { loc: ['body', 'location', 'lon'], msg: 'too big' },
        { loc: ['body', 'timezone'], msg: 'not IANA' },
      ]),
    ).toEqual({ start: 'overlaps deployment 3', lon: 'too big', timezone: 'not IANA' })
    expect(serverErrors('conflict')).toEqual({})
  })

  it('labels every Camtrap DP feature type and sums up a set-up', () => {
    expect(Object.keys(FEATURE_TYPE_LABELS).sort()).toEqual([...FEATURE_TYPES].sort())
    expect(setupSummary({ feature_type: 'trailGame', camera_height_m: 0.5, bait: 'sardines', habitat: 'miombo' })).toBe(
      'Game trail · 0.5 m high · bait: sardines · miombo',
    )
    expect(setupSummary({ feature_type: null, camera_height_m: null, bait: null, habitat: null })).toBe('')
  })
})
