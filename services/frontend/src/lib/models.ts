/**
 * Which models named what the dashboard shows (GET /api/config), so a demo model's output is never
 * mistaken for a real one: the banner, and the model in every species badge's tooltip.
 */
import { useClientConfig } from '@/lib/api/config'
import type { ModelsConfig } from '@/lib/api/types'

export const DEMO_MODELS_MESSAGE =
  'Demo models: they find the coloured shapes of the demo photos, not animals. Install MegaDetector: docs/models.md'

/** The active models, or `undefined` while unknown (loading, or the API could not say). */
export function useActiveModels(): ModelsConfig | undefined {
  return useClientConfig().data?.models
}

/** The active classifier as name@version, which is what classification rows store. */
export function activeClassifier(models: ModelsConfig | undefined): string | undefined {
  const m = models?.active.find((a) => a.task === 'classification')
  return m ? `${m.name}@${m.version}` : undefined
}

/** Tooltip of a species badge: which model named it, and a warning when that is a demo model. */
export function speciesTooltip(species: string, model: string | undefined, models: ModelsConfig | undefined): string {
  if (!model) return species
  if (model === 'human') return `${species} (set by a reviewer)`
  const demo = models?.demo_models.includes(model) ?? false
  return demo
    ? `${species}, named by ${model}, a demo model: it knows the coloured shapes of the demo photos, not animals`
    : `${species}, named by ${model}`
}
