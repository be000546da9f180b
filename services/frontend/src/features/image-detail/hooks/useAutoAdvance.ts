import { useAuth } from '@/features/auth'
import { useStoredSetting } from '@/lib/useStoredSetting'

const parse = (raw: string | null) => raw === 'true'

/** "Go to the next image after approve / reject / flag": a per-user setting kept in this browser. */
export function useAutoAdvance(): [boolean, (on: boolean) => void] {
  const { user } = useAuth()
  return useStoredSetting(`addax.review.auto-advance.${user?.id ?? 'anon'}`, parse)
}
