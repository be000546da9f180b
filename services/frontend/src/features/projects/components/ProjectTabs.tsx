import { NavLink } from 'react-router'
import { Camera, MapPinned, ScrollText, Settings } from 'lucide-react'
import { cn } from '@/components/cn'
import { useProjectContext, useProjectPath } from '@/lib/project'

/** Settings, cameras, deployments and (for the project's admins) its audit log. */
export function ProjectTabs() {
  const { project } = useProjectContext()
  const to = useProjectPath()
  const tab = ({ isActive }: { isActive: boolean }) =>
    cn(
      'inline-flex shrink-0 items-center gap-2 whitespace-nowrap border-b-2 px-1 pb-2.5 text-sm font-medium transition-colors',
      isActive ? 'border-forest-700 text-forest-800' : 'border-transparent text-stone-500 hover:text-stone-800',
    )
  return (
    <nav aria-label="Project" className="mb-6 flex gap-6 overflow-x-auto border-b border-stone-200">
      <NavLink to={to('/settings')} className={tab}>
        <Settings className="h-4 w-4" aria-hidden /> Settings
      </NavLink>
      <NavLink to={to('/cameras')} className={tab}>
        <Camera className="h-4 w-4" aria-hidden /> Cameras
      </NavLink>
      <NavLink to={to('/deployments')} className={tab}>
        <MapPinned className="h-4 w-4" aria-hidden /> Deployments
      </NavLink>
      {project?.role === 'admin' && (
        <NavLink to={to('/audit')} className={tab}>
          <ScrollText className="h-4 w-4" aria-hidden /> Audit log
        </NavLink>
      )}
    </nav>
  )
}
