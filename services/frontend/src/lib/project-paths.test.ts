import { afterEach, describe, expect, it } from 'vitest'
import {
  PROJECT_STORAGE_KEY,
  chooseProject,
  keepWithinProject,
  legacyProjectPath,
  projectPath,
  rememberProject,
  rememberedProject,
  slugify,
  switchProjectPath,
} from './project-paths'

const wolves = { slug: 'wolves', archived_at: null }
const birds = { slug: 'birds', archived_at: null }
const old = { slug: 'old', archived_at: '2026-01-01T00:00:00Z' }

describe('project paths', () => {
  afterEach(() => window.localStorage.clear())

  it('puts the project in front of the page', () => {
    expect(projectPath('wolves')).toBe('/p/wolves/gallery')
    expect(projectPath('wolves', '/map')).toBe('/p/wolves/map')
    expect(projectPath('wolves', 'stats')).toBe('/p/wolves/stats')
  })

  it('opens the remembered project if the user still has it, else the first active one', () => {
    expect(chooseProject([wolves, birds], 'birds')).toBe('birds')
    expect(chooseProject([wolves, birds], 'gone')).toBe('wolves')
    expect(chooseProject([old, birds], null)).toBe('birds')
    expect(chooseProject([old], null)).toBe('old')
    expect(chooseProject([], 'wolves')).toBeNull()
  })

  it('switching keeps the page but not the image or the filters', () => {
    expect(switchProjectPath('/p/wolves/map', 'birds')).toBe('/p/birds/map')
    expect(switchProjectPath('/p/wolves/stats', 'birds')).toBe('/p/birds/stats')
    expect(switchProjectPath('/p/wolves/settings', 'birds')).toBe('/p/birds/settings')
    expect(switchProjectPath('/p/wolves/images/abc', 'birds')).toBe('/p/birds/gallery')
    expect(switchProjectPath('/p/wolves', 'birds')).toBe('/p/birds/gallery')
    expect(switchProjectPath('/admin/users', 'birds')).toBe('/p/birds/gallery')
  })

  it('sends old URLs without a project into one, query string kept', () => {
    expect(legacyProjectPath('/', '', 'wolves')).toBe('/p/wolves/gallery')
    expect(legacyProjectPath('/gallery', '?species=red_fox', 'wolves')).toBe('/p/wolves/gallery?species=red_fox')
    expect(legacyProjectPath('/images/abc', '?sort=captured_at', 'wolves')).toBe('/p/wolves/images/abc?sort=captured_at')
    expect(legacyProjectPath('/map', '', 'birds')).toBe('/p/birds/map')
    expect(legacyProjectPath('/admin/users', '', 'birds')).toBeNull()
  })

  it('remembers the last project in localStorage', () => {
    expect(rememberedProject()).toBeNull()
    rememberProject('birds')
    expect(window.localStorage.getItem(PROJECT_STORAGE_KEY)).toBe('birds')
    expect(rememberedProject()).toBe('birds')
  })

  it('keeps previous data while filters change, never across projects', () => {
    const keep = keepWithinProject('birds')
    expect(keep(['a'], { queryKey: ['images', 'list', 'birds', { page: 1 }] })).toEqual(['a'])
    expect(keep(['a'], { queryKey: ['images', 'list', 'wolves', { page: 1 }] })).toBeUndefined()
    expect(keep(undefined, undefined)).toBeUndefined()
  })

  it('suggests URL-safe slugs', () => {
    expect(slugify('Wolf survey 2026')).toBe('wolf-survey-2026')
    expect(slugify('  Réserve du Lac!  ')).toBe('reserve-du-lac')
  })
})
