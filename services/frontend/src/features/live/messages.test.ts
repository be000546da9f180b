import { describe, expect, it } from 'vitest'
import { isForProject, overflowToast, queriesForEvent, speciesCounts, speciesSentence, toastForEvent } from './messages'

describe('live event messages', () => {
  it('announces a new image with the camera name', () => {
    expect(toastForEvent({ type: 'image_ingested', image_id: 'i1', camera_id: 7, camera_name: 'Camera 7' })).toMatchObject({
      title: 'New image from Camera 7',
      link: { to: '/images/i1' },
    })
  })

  it('links into the current project, and tells which events belong to it', () => {
    const event = { type: 'image_ingested', image_id: 'i1', camera_name: 'C', project_id: 2 }
    expect(toastForEvent(event, undefined, '/p/wolves')?.link?.to).toBe('/p/wolves/images/i1')
    expect(isForProject(event, 2)).toBe(true)
    expect(isForProject(event, 3)).toBe(false)
    expect(isForProject({ type: 'connected' }, 3)).toBe(true)
  })

  it('falls back to the cached camera list, then to the id', () => {
    const names = new Map([[3, 'Wildbaan']])
    expect(toastForEvent({ type: 'image_ingested', camera_id: 3 }, names)?.title).toBe('New image from Wildbaan')
    expect(toastForEvent({ type: 'image_ingested', camera_id: 9 }, names)?.title).toBe('New image from Camera 9')
  })

  it('says what was identified: "2 × red fox at Camera 7"', () => {
    const event = { type: 'classification_complete', camera_name: 'Camera 7', species: [{ label: 'red fox', count: 2 }] }
    expect(toastForEvent(event)?.title).toBe('2 × red fox at Camera 7')
  })

  it('lists several species', () => {
    const species = [
      { label: 'wild_boar', count: 1 },
      { label: 'red fox', count: 2 },
      { label: 'badger', count: 1 },
    ]
    expect(speciesSentence(speciesCounts({ type: 'classification_complete', species }))).toBe(
      '2 × red fox, 1 × wild boar and 1 × badger',
    )
  })

  it('accepts species as a list of names or a map of counts', () => {
    expect(speciesCounts({ type: 'x', species: ['wolf', 'wolf', 'badger'] })).toEqual([
      { label: 'wolf', count: 2 },
      { label: 'badger', count: 1 },
    ])
    expect(speciesCounts({ type: 'x', species: { wolf: 3 } })).toEqual([{ label: 'wolf', count: 3 }])
    expect(speciesCounts({ type: 'x' })).toEqual([])
  })

  it('stays quiet for empty classifications, reprocessed images, detections and pings', () => {
    expect(toastForEvent({ type: 'classification_complete', species: [] })).toBeNull()
    expect(toastForEvent({ type: 'classification_complete', species: ['wolf'], rerun: true })).toBeNull()
    expect(toastForEvent({ type: 'detection_complete', detections: 2 })).toBeNull()
    expect(toastForEvent({ type: 'connected' })).toBeNull()
  })

  it('reports failures as errors', () => {
    expect(toastForEvent({ type: 'image_failed', camera_name: 'C1', error: 'model crashed' })).toMatchObject({
      tone: 'error',
      description: 'model crashed',
    })
  })

  it('names a rejected upload with its reason and links to it', () => {
    expect(toastForEvent({ type: 'image_rejected', camera_name: 'C1', image_id: 'r', error: 'not a JPEG' }, undefined, '/p/x')).toMatchObject({
      title: 'Upload from C1 rejected',
      description: 'not a JPEG',
      tone: 'error',
      link: { to: '/p/x/images/r' },
    })
    expect(queriesForEvent({ type: 'image_rejected', image_id: 'r' })).toEqual([['images'], ['stats']])
  })

  it('refreshes the queries an event changes', () => {
    expect(queriesForEvent({ type: 'image_ingested', image_id: 'a' })).toEqual([['images'], ['stats'], ['cameras']])
    expect(queriesForEvent({ type: 'classification_complete', image_id: 'a' })).toEqual([
      ['images'],
      ['stats'],
      ['species'],
      ['image', 'a'],
    ])
    expect(queriesForEvent({ type: 'camera_status', camera_id: 1 })).toEqual([['cameras']])
    expect(queriesForEvent({ type: 'runtime_settings_changed' })).toEqual([['images'], ['image'], ['models']])
    expect(queriesForEvent({ type: 'data_changed', project_id: 1 })).toEqual([['images'], ['stats']])
    expect(toastForEvent({ type: 'data_changed', project_id: 1 })).toBeNull()
    expect(queriesForEvent({ type: 'ping' })).toEqual([])
  })

  it('counts the updates beyond a burst in the right number: "1 more update", "3 more updates"', () => {
    expect(overflowToast(1).title).toBe('1 more update')
    expect(overflowToast(3).title).toBe('3 more updates')
    expect(overflowToast(1200).title).toBe('1,200 more updates')
  })

  it('announces a fired alert with the rule, what matched, and a link to its history entry; it stays until dismissed', () => {
    const event = {
      type: 'alert_fired', alert_id: 41, rule_id: 3, rule_name: 'Wolves near the fold', kind: 'match', image_id: 'i9',
      camera_id: 7, camera_name: 'Fold', project_id: 2, reason: "wolf (confidence 0.91) matches rule 'Wolves near the fold'",
      species: [{ label: 'wolf', count: 2 }],
    }
    expect(toastForEvent(event, undefined, '/p/wolves')).toEqual({
      title: 'Alert: Wolves near the fold',
      description: '2 × wolf at Fold',
      tone: 'alert',
      link: { to: '/p/wolves/alerts/history/41', label: 'View alert' },
      duration: 0,
    })
    const health = { type: 'alert_fired', alert_id: 5, rule_name: 'Battery low', kind: 'health', camera_id: 7, reason: 'battery 12% below 20%', species: [] }
    expect(toastForEvent(health)?.description).toBe('battery 12% below 20%')
    expect(queriesForEvent(event)).toEqual([['alerts']])
  })
})
