import { lazy, Suspense, type ReactNode } from 'react'
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { LoadingState } from '@/components/States'
import { ToastProvider } from '@/components/Toasts'
import { ApiError } from '@/lib/api/errors'
import { AuthProvider } from '@/features/auth/hooks/useAuth'
import { LoginPage } from '@/features/auth/components/LoginPage'
import { RequireAuth, RequireRole } from '@/features/auth/components/RequireAuth'
import { GalleryPage } from '@/features/gallery/components/GalleryPage'
import { AlertsIndex } from '@/features/alerts/components/AlertsIndex'
import { AdminTabs } from '@/features/admin/components/AdminTabs'
import { AppLayout } from './AppLayout'
import { ProjectGate, ProjectRedirect, RequireProjectAdmin, RequireProjectAnalyst } from './ProjectRoutes'
import { NotFound } from './NotFound'

// Heavier pages (Leaflet, Chart.js) load on first visit so the gallery opens fast in the field.
const ImageDetailPage = lazy(() => import('@/features/image-detail/components/ImageDetailPage'))
const MapPage = lazy(() => import('@/features/map/components/MapPage'))
const StatsPage = lazy(() => import('@/features/stats/components/StatsPage'))
const UsersPage = lazy(() => import('@/features/admin/components/UsersPage'))
const AuditLogPage = lazy(() => import('@/features/admin/components/AuditLogPage'))
const ProjectSettingsPage = lazy(() => import('@/features/projects/components/ProjectSettingsPage'))
const DeploymentsPage = lazy(() => import('@/features/deployments/components/DeploymentsPage'))
const CamerasPage = lazy(() => import('@/features/cameras/components/CamerasPage'))
const UnassignedCamerasPage = lazy(() => import('@/features/admin/components/UnassignedCamerasPage'))
const UploadPage = lazy(() => import('@/features/upload/components/UploadPage'))
const ProjectsAdminPage = lazy(() => import('@/features/admin/components/ProjectsPage'))
const FtpAccountsPage = lazy(() => import('@/features/admin/components/FtpAccountsPage'))
const ModelsPage = lazy(() => import('@/features/models/components/ModelsPage'))
const AlertRulesPage = lazy(() => import('@/features/alerts/components/RulesPage'))
const AlertRuleEditorPage = lazy(() => import('@/features/alerts/components/RuleEditorPage'))
const AlertChannelsPage = lazy(() => import('@/features/alerts/components/ChannelsPage'))
const AlertHistoryPage = lazy(() => import('@/features/alerts/components/HistoryPage'))
const AlertDetailPage = lazy(() => import('@/features/alerts/components/AlertDetailPage'))

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => {
        // Client errors will not fix themselves; transient ones get two more tries.
        if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) return false
        return failures < 2
      },
    },
  },
})

const page = (element: ReactNode) => <Suspense fallback={<LoadingState />}>{element}</Suspense>

const router = createBrowserRouter([
  {
    // Toasts live inside the router so a toast can link to an image.
    element: (
      <ToastProvider>
        <Outlet />
      </ToastProvider>
    ),
    children: [
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      // URLs from before projects (bookmarks, old links) open the same page in the remembered project.
      { index: true, element: <ProjectRedirect /> },
      { path: 'gallery', element: <ProjectRedirect /> },
      { path: 'images/:imageId', element: <ProjectRedirect /> },
      { path: 'map', element: <ProjectRedirect /> },
      { path: 'stats', element: <ProjectRedirect /> },
      {
        path: 'p/:slug',
        element: (
          <ProjectGate>
            <Outlet />
          </ProjectGate>
        ),
        children: [
          { index: true, element: <Navigate to="gallery" replace /> },
          { path: 'gallery', element: <GalleryPage /> },
          { path: 'images/:imageId', element: page(<ImageDetailPage />) },
          { path: 'map', element: page(<MapPage />) },
          { path: 'stats', element: page(<StatsPage />) },
          { path: 'settings', element: page(<ProjectSettingsPage />) },
          { path: 'cameras', element: page(<CamerasPage />) },
          { path: 'deployments', element: page(<DeploymentsPage />) },
          { path: 'upload', element: <RequireProjectAnalyst>{page(<UploadPage />)}</RequireProjectAnalyst> },
          { path: 'audit', element: <RequireProjectAdmin>{page(<AuditLogPage project />)}</RequireProjectAdmin> },
          { path: 'alerts', element: <AlertsIndex /> },
          { path: 'alerts/rules', element: <RequireProjectAdmin>{page(<AlertRulesPage />)}</RequireProjectAdmin> },
          { path: 'alerts/rules/new', element: <RequireProjectAdmin>{page(<AlertRuleEditorPage />)}</RequireProjectAdmin> },
          { path: 'alerts/rules/:ruleId', element: <RequireProjectAdmin>{page(<AlertRuleEditorPage />)}</RequireProjectAdmin> },
          { path: 'alerts/channels', element: <RequireProjectAdmin>{page(<AlertChannelsPage />)}</RequireProjectAdmin> },
          { path: 'alerts/history', element: page(<AlertHistoryPage />) },
          { path: 'alerts/history/:alertId', element: page(<AlertDetailPage />) },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: 'admin', element: <Navigate to="/admin/users" replace /> },
      { path: 'admin/users', element: <RequireRole roles={['admin']}>{page(<UsersPage />)}</RequireRole> },
      { path: 'admin/projects', element: <RequireRole roles={['admin']}>{page(<ProjectsAdminPage />)}</RequireRole> },
      { path: 'admin/ftp-accounts', element: <RequireRole roles={['admin']}>{page(<FtpAccountsPage />)}</RequireRole> },
      { path: 'admin/cameras', element: <RequireRole roles={['admin']}>{page(<UnassignedCamerasPage />)}</RequireRole> },
      { path: 'admin/audit', element: <RequireRole roles={['admin']}>{page(<AuditLogPage />)}</RequireRole> },
      { path: 'admin/models', element: <RequireRole roles={['admin']}>{page(<ModelsPage tabs={<AdminTabs />} />)}</RequireRole> },
      { path: '*', element: <NotFound /> },
    ],
  },
    ],
  },
])

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  )
}
