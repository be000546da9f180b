import { useEffect } from 'react'
import { Outlet } from 'react-router'
import { registerSpecies } from '@/lib/species-colors'
import { useSpecies } from '@/lib/api/catalog'
import { LiveUpdatesProvider } from '@/features/live/hooks/useLiveUpdates'
import { DemoModelsBanner } from '@/features/models/components/DemoModelsBanner'
import { ProjectProvider } from '@/lib/project'
import { Header } from './Header'

/** Gives every species of the deployment its own colour as soon as the list is known. */
function useSpeciesPalette() {
  const species = useSpecies()
  useEffect(() => {
    if (species.data) registerSpecies(species.data.map((s) => s.species))
  }, [species.data])
}

/** The signed-in area: every page inside works in the current project. */
export function AppLayout() {
  return (
    <ProjectProvider>
      <ProjectLayout />
    </ProjectProvider>
  )
}

function ProjectLayout() {
  useSpeciesPalette()
  return (
    <LiveUpdatesProvider>
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only z-[1200] rounded-lg bg-white px-3 py-2 text-sm font-medium text-forest-900 focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
        >
          Skip to content
        </a>
        <Header />
        <DemoModelsBanner />
        <main id="main" className="mx-auto w-full max-w-[1400px] flex-1 px-4 py-6 sm:px-6 sm:py-8">
          <Outlet />
        </main>
      </div>
    </LiveUpdatesProvider>
  )
}
