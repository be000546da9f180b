import { useCallback } from 'react'
import { useAuth } from '@/features/auth'
import { useProjectSlug } from '@/lib/project'
import { useStoredSetting } from '@/lib/useStoredSetting'
import { assignHotkey, parseHotkeys, type Hotkeys } from '../labels'

const parse = (raw: string | null): Hotkeys | null => (raw == null ? null : parseHotkeys(raw))

/**
 * The signed-in user's species hotkeys in this project, kept in this browser (per user and project).
 * Until the user saves some, `fallback` applies (`configured` is false).
 */
export function useSpeciesHotkeys(fallback: Hotkeys) {
  const { user } = useAuth()
  const slug = useProjectSlug()
  const [stored, save] = useStoredSetting<Hotkeys | null>(`addax.species-hotkeys.${user?.id ?? 'anon'}.${slug}`, parse)
  const hotkeys = stored ?? fallback
  const assign = useCallback((slot: number, label: string | null) => save(assignHotkey(hotkeys, slot, label)), [hotkeys, save])
  return { hotkeys, configured: stored != null, save, assign }
}
