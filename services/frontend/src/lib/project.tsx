import { createContext, useContext, type ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'

/** The slug of the project every page works in. The migration creates `default` on every installation. */
export const DEFAULT_PROJECT = 'default'

const ProjectContext = createContext<string>(DEFAULT_PROJECT)

/** The signed-in user's projects, with their role in each. */
export function useProjects() {
  return useQuery({
    queryKey: ['projects'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects', { signal })),
    staleTime: 60_000,
  })
}

/**
 * Provides the current project: `default` when the user is a member of it, else their first
 * project. (A project switcher will set it from the URL.)
 */
export function ProjectProvider({ children }: { children: ReactNode }) {
  const projects = useProjects()
  const list = projects.data ?? []
  const slug = list.some((p) => p.slug === DEFAULT_PROJECT) ? DEFAULT_PROJECT : (list[0]?.slug ?? DEFAULT_PROJECT)
  return <ProjectContext.Provider value={slug}>{children}</ProjectContext.Provider>
}

/** The slug of the current project, for the path of project-scoped API calls. */
export function useProjectSlug(): string {
  return useContext(ProjectContext)
}
