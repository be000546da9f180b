import type { ReactNode } from 'react'
import { NavLink } from 'react-router'
import { History, ListChecks, Send } from 'lucide-react'
import { cn } from '@/components/cn'
import { PageHeader } from '@/components/PageHeader'
import { useProjectContext, useProjectPath } from '@/lib/project'

/** Rules and channels (the project's admins) and the history (everyone in the project). */
export function AlertTabs() {
  const { project } = useProjectContext()
  const to = useProjectPath()
  const tab = ({ isActive }: { isActive: boolean }) =>
    cn(
      'inline-flex items-center gap-2 whitespace-nowrap border-b-2 px-1 pb-2.5 text-sm font-medium transition-colors',
      isActive ? 'border-forest-700 text-forest-800' : 'border-transparent text-stone-500 hover:text-stone-800',
    )
  return (
    <nav aria-label="Alerts" className="mb-6 flex gap-6 overflow-x-auto border-b border-stone-200">
      {project?.role === 'admin' && (
        <>
          <NavLink to={to('/alerts/rules')} className={tab}>
            <ListChecks className="h-4 w-4" aria-hidden /> Rules
          </NavLink>
          <NavLink to={to('/alerts/channels')} className={tab}>
            <Send className="h-4 w-4" aria-hidden /> Channels
          </NavLink>
        </>
      )}
      <NavLink to={to('/alerts/history')} className={tab}>
        <History className="h-4 w-4" aria-hidden /> History
      </NavLink>
    </nav>
  )
}

/** The header and tabs every alerts page shares. */
export function AlertsFrame({ description, actions, children }: { description: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <PageHeader title="Alerts" description={description} actions={actions} />
      <AlertTabs />
      {children}
    </div>
  )
}
