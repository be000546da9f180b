import { createContext, useContext, useEffect, type ReactNode } from 'react'
import { useMatch } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { Project } from '@/lib/api/types'
import { chooseProject, rememberProject, rememberedProject } from './project-paths'

export * from './project-paths'

interface ProjectContextValue {
  /** The current project's slug ('' while the user's projects load or when they have none). */
  slug: string
  /** The current project, or null while loading or when the URL names a project the user cannot see. */
  project: Project | null
  projects: Project[]
  loading: boolean
}

const ProjectContext = createContext<ProjectContextValue>({ slug: '', project: null, projects: [], loading: true })

/** The signed-in user's projects, with their role in each (every project for server admins). */
export function useProjects() {
  return useQuery({
    queryKey: ['projects'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects', { signal })),
    staleTime: 60_000,
  })
}

/**
 * Provides the current project: the one in the URL (`/p/:slug/...`), else (pages outside a project,
 * such as the server admin's) the remembered one or the first. A project named in the URL is
 * remembered for the next visit.
 */
export function ProjectProvider({ children }: { children: ReactNode }) {
  const match = useMatch('/p/:slug/*')
  const projects = useProjects()
  const list = projects.data ?? []
  const slug = match?.params.slug ?? chooseProject(list, rememberedProject()) ?? ''
  const project = list.find((p) => p.slug === slug) ?? null
  useEffect(() => {
    if (match && project) rememberProject(project.slug)
  }, [match, project])
  return (
    <ProjectContext.Provider value={{ slug, project, projects: list, loading: projects.isLoading }}>
      {children}
    </ProjectContext.Provider>
  )
}

/** A fixed current project, for tests and stories of project-scoped hooks. */
export function StaticProjectProvider({ slug, children }: { slug: string; children: ReactNode }) {
  return <ProjectContext.Provider value={{ slug, project: null, projects: [], loading: false }}>{children}</ProjectContext.Provider>
}

export function useProjectContext(): ProjectContextValue {
  return useContext(ProjectContext)
}

/** The slug of the current project, for the path of project-scoped API calls and query keys. */
export function useProjectSlug(): string {
  return useContext(ProjectContext).slug
}

/** Builds links inside the current project: `to('/map')` → `/p/<slug>/map`. */
export function useProjectPath(): (path: string) => string {
  const slug = useProjectSlug()
  return (path: string) => `/p/${encodeURIComponent(slug)}${path.startsWith('/') ? path : `/${path}`}`
}
