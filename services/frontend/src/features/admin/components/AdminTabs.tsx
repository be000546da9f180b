import { NavLink } from 'react-router'
import { Boxes, FolderOpen, Radar, ScrollText, Upload, Users } from 'lucide-react'
import { cn } from '@/components/cn'

export function AdminTabs() {
  const tab = ({ isActive }: { isActive: boolean }) =>
    cn(
      'inline-flex shrink-0 items-center gap-2 whitespace-nowrap border-b-2 px-1 pb-2.5 text-sm font-medium transition-colors',
      isActive ? 'border-forest-700 text-forest-800' : 'border-transparent text-stone-500 hover:text-stone-800',
    )
  return (
    <nav aria-label="Administration" className="mb-6 flex gap-6 overflow-x-auto border-b border-stone-200">
      <NavLink to="/admin/users" className={tab}>
        <Users className="h-4 w-4" aria-hidden /> Users
      </NavLink>
      <NavLink to="/admin/projects" className={tab}>
        <FolderOpen className="h-4 w-4" aria-hidden /> Projects
      </NavLink>
      <NavLink to="/admin/ftp-accounts" className={tab}>
        <Upload className="h-4 w-4" aria-hidden /> FTP accounts
      </NavLink>
      <NavLink to="/admin/cameras" className={tab}>
        <Radar className="h-4 w-4" aria-hidden /> Unassigned cameras
      </NavLink>
      <NavLink to="/admin/models" className={tab}>
        <Boxes className="h-4 w-4" aria-hidden /> Models
      </NavLink>
      <NavLink to="/admin/audit" className={tab}>
        <ScrollText className="h-4 w-4" aria-hidden /> Audit log
      </NavLink>
    </nav>
  )
}
