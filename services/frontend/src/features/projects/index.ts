/** What other features may use of projects: the project tabs and the mutations the admin pages share. */
export { ProjectTabs } from './components/ProjectTabs'
export { useArchiveProject, useCreateProject } from './api/projects'
export { timeZones } from './settings-form'
