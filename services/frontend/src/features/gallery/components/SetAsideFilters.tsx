import { AlertTriangle, FileX2 } from 'lucide-react'
import { plural } from '@/lib/format'
import { SET_ASIDE_STATUSES, type ImageFilters } from '@/lib/filters'
import { useStatusCounts } from '../api/images'

const ICONS = { rejected: FileX2, failed: AlertTriangle }

/**
 * "4 rejected · 1 failed": the uploads the default view leaves out, each a one-click filter.
 * Shown only while no status is chosen and there is something set aside.
 */
export function SetAsideFilters({ filters, onChange }: { filters: ImageFilters; onChange: (change: Partial<ImageFilters>) => void }) {
  const counts = useStatusCounts(filters)
  if (filters.status.length > 0 || !counts.data) return null
  const data = counts.data
  const shown = SET_ASIDE_STATUSES.filter((s) => data[s] > 0)
  if (shown.length === 0) return null
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-stone-600" role="group" aria-label="Set-aside uploads">
      <span>Not shown:</span>
      {shown.map((s) => {
        const Icon = ICONS[s]
        return (
          <button
            key={s}
            type="button"
            onClick={() => onChange({ status: [s] })}
            className="inline-flex items-center gap-1 rounded-full border border-stone-300 bg-white px-2.5 py-0.5 text-xs font-medium text-stone-700 hover:border-stone-400 hover:bg-stone-50"
          >
            <Icon className="h-3.5 w-3.5" aria-hidden />
            {plural(data[s], s, s)}
          </button>
        )
      })}
    </div>
  )
}
