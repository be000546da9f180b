import type { ReactNode } from 'react'
import { Link, Navigate, useLocation } from 'react-router'
import { FolderX, ShieldAlert } from 'lucide-react'
import { EmptyState, ErrorState, LoadingState } from '@/components/States'
import { legacyProjectPath, useProjectContext, useProjects } from '@/lib/project'

/** Old URLs without a project (`/gallery`, `/images/<id>`): the same page in the remembered or first project. */
export function ProjectRedirect() {
  const location = useLocation()
  const { slug, loading } = useProjectContext()
  const projects = useProjects()
  if (loading) return <LoadingState />
  if (projects.isError) return <ErrorState title="Could not load your projects" error={projects.error} onRetry={() => void projects.refetch()} />
  if (!slug) return <NoProject />
  return <Navigate to={legacyProjectPath(location.pathname, location.search, slug) ?? `/p/${slug}/gallery`} replace />
}

function NoProject() {
  return (
    <EmptyState
      icon={<FolderX className="h-6 w-6" aria-hidden />}
      title="No project yet"
      headingLevel={1}
      description="You are not a member of any project. Ask an administrator to add you to one."
    />
  )
}

/** Renders a project's pages once the URL's project is known to be one of the user's. */
export function ProjectGate({ children }: { children: ReactNode }) {
  const { project, loading, projects } = useProjectContext()
  if (loading) return <LoadingState />
  if (!project) {
    return (
      <EmptyState
        icon={<FolderX className="h-6 w-6" aria-hidden />}
        title="Project not found"
        headingLevel={1}
        description="This project does not exist or you are not a member of it."
        action={
          projects.length > 0 ? (
            <Link to="/gallery" className="text-sm font-semibold text-forest-700 hover:underline">
              Open your projects
            </Link>
          ) : undefined
        }
      />
    )
  }
  return <>{children}</>
}

/** Pages for the current project's admins (server admins are admins of every project). */
export function RequireProjectAdmin({ children }: { children: ReactNode }) {
  const { project } = useProjectContext()
  if (project?.role !== 'admin') {
    return (
      <EmptyState
        icon={<ShieldAlert className="h-6 w-6" aria-hidden />}
        title="Project admins only"
        description="This page is for the admins of this project."
      />
    )
  }
  return <>{children}</>
}

export function RequireProjectAnalyst({ children }: { children: ReactNode }) {
  const { project } = useProjectContext()
  if (project?.role !== 'admin' && project?.role !== 'analyst') {
    return (
      <EmptyState
        icon={<ShieldAlert className="h-6 w-6" aria-hidden />}
        title="Analysts and admins only"
        description="Uploading is for the analysts and admins of this project."
      />
    )
  }
  return <>{children}</>
}
