/** Where the current project lives in the URL and in the browser's memory (pure helpers, unit-tested). */

/** The localStorage key of the last project the user opened. */
export const PROJECT_STORAGE_KEY = 'addax.project'

/** Pages that exist in every project; the old, project-less URLs of these redirect into a project. */
export const PROJECT_PAGES = ['gallery', 'images', 'map', 'stats', 'alerts', 'settings', 'audit'] as const

interface ProjectLike {
  slug: string
  archived_at?: string | null
}

/** `/p/<slug><path>`: the same page in a given project. */
export function projectPath(slug: string, path = '/gallery'): string {
  return `/p/${encodeURIComponent(slug)}${path.startsWith('/') ? path : `/${path}`}`
}

/**
 * The project to open when the URL names none: the remembered one if the user still has it, else
 * the first active project, else the first (archived) one, else none.
 */
export function chooseProject(projects: readonly ProjectLike[], remembered: string | null): string | null {
  if (remembered && projects.some((p) => p.slug === remembered)) return remembered
  return (projects.find((p) => !p.archived_at) ?? projects[0])?.slug ?? null
}

/**
 * The URL of the same page in another project. An image belongs to one project, so from an image
 * the switch lands on the gallery; filters (camera ids, species) are per project and are dropped.
 */
export function switchProjectPath(pathname: string, slug: string): string {
  const match = /^\/p\/[^/]+(\/[^/]*)?/.exec(pathname)
  const page = match?.[1]?.slice(1) ?? ''
  // The alerts section opens at its start in the other project (its rules and alerts are per project).
  const keep = ['gallery', 'map', 'stats', 'alerts', 'settings', 'audit'].includes(page) ? page : 'gallery'
  return projectPath(slug, `/${keep}`)
}

/**
 * The project URL for an old URL without a project (`/gallery?species=fox`, `/images/<id>`), or
 * null when the path is not a project page.
 */
export function legacyProjectPath(pathname: string, search: string, slug: string): string | null {
  const path = pathname === '/' || pathname === '' ? '/gallery' : pathname
  const page = path.split('/')[1] ?? ''
  if (!(PROJECT_PAGES as readonly string[]).includes(page)) return null
  return projectPath(slug, path) + search
}

export function rememberedProject(): string | null {
  try {
    return window.localStorage.getItem(PROJECT_STORAGE_KEY)
  } catch {
    return null // storage disabled (private mode, policy): fall back to the first project
  }
}

export function rememberProject(slug: string): void {
  try {
    window.localStorage.setItem(PROJECT_STORAGE_KEY, slug)
  } catch {
    // not remembered; the URL still carries the project
  }
}

/**
 * `placeholderData` for project-scoped queries: keeps the previous result while new filters load
 * (as keepPreviousData does), but never across a project switch, so no page shows another
 * project's data even for a moment.
 */
export function keepWithinProject(slug: string) {
  return <T>(previous: T | undefined, previousQuery?: { queryKey: readonly unknown[] }): T | undefined =>
    previousQuery?.queryKey.includes(slug) ? previous : undefined
}

/** A URL-safe slug suggested from a project name: "Wolf survey 2026" → "wolf-survey-2026". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
}
