import { useLocation, useNavigate } from 'react-router'
import { ChevronDown, FolderOpen } from 'lucide-react'
import { rememberProject, switchProjectPath, useProjectContext } from '@/lib/project'

function ArchivedMark() {
  return (
    <span className="ml-2 shrink-0 rounded-full bg-sand-300 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-forest-950">
      Archived
    </span>
  )
}

/**
 * The current project, prominent in the header. With more than one project it is a native select
 * (keyboard, screen readers and phones' own pickers for free) that opens the same page in the
 * chosen project; with one it is just the name.
 */
export function ProjectSwitcher() {
  const { project, projects } = useProjectContext()
  const location = useLocation()
  const navigate = useNavigate()
  if (!project) return null
  const archived = Boolean(project.archived_at)

  if (projects.length < 2) {
    return (
      <div className="flex min-w-0 items-center text-sm font-semibold text-white" data-testid="project-name">
        <FolderOpen className="mr-1.5 h-4 w-4 shrink-0 text-forest-200" aria-hidden />
        <span className="sr-only">Project: </span>
        <span className="truncate">{project.name}</span>
        {archived && <ArchivedMark />}
      </div>
    )
  }

  return (
    <div className="flex min-w-0 items-center">
      <label htmlFor="project-switcher" className="sr-only">
        Project
      </label>
      <div className="relative min-w-0">
        <FolderOpen className="pointer-events-none absolute left-2 top-1/2 h-4 w-4 -translate-y-1/2 text-forest-200" aria-hidden />
        <select
          id="project-switcher"
          data-testid="project-switcher"
          value={project.slug}
          onChange={(e) => {
            // Remembered at once, not only after the next render: a reload right after switching
            // (or an old link opened then) must land in the project just chosen.
            rememberProject(e.target.value)
            navigate(switchProjectPath(location.pathname, e.target.value))
          }}
          className="w-full max-w-[13rem] cursor-pointer appearance-none truncate rounded-lg border border-white/15 bg-white/10 py-1.5 pl-8 pr-8 text-sm font-semibold text-white hover:bg-white/15 focus:outline-none focus-visible:ring-2 focus-visible:ring-sand-300 sm:max-w-[16rem]"
        >
          {projects.map((p) => (
            <option key={p.slug} value={p.slug} className="text-stone-900">
              {p.archived_at ? `${p.name} (archived)` : p.name}
            </option>
          ))}
        </select>
        <ChevronDown className="pointer-events-none absolute right-2 top-1/2 h-4 w-4 -translate-y-1/2 text-forest-200" aria-hidden />
      </div>
      {archived && <ArchivedMark />}
    </div>
  )
}
