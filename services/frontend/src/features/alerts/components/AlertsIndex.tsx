import { Navigate } from 'react-router'
import { useProjectContext } from '@/lib/project'

/** `/alerts`: the rules for the project's admins, the history for everyone else. */
export function AlertsIndex() {
  const { project } = useProjectContext()
  return <Navigate to={project?.role === 'admin' ? 'rules' : 'history'} replace />
}
