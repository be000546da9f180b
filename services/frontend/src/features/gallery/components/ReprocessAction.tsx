import { useState } from 'react'
import { RefreshCw } from 'lucide-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from '@/components/Button'
import { ConfirmDialog } from '@/components/Modal'
import { useToast } from '@/components/Toasts'
import { api, unwrap } from '@/lib/api/client'
import { imagesQuery, type ImageFilters } from '@/lib/filters'
import { formatNumber, plural } from '@/lib/format'
import { useProjectContext } from '@/lib/project'

const POLL_MS = 2_000

/**
 * Project admins: run the images under the gallery's filters through the active models again
 * (completed ones; human labels and reviews stay), and the progress of the latest job.
 */
export function ReprocessAction({ filters, matching }: { filters: ImageFilters; matching?: number }) {
  const { slug, project } = useProjectContext()
  const qc = useQueryClient()
  const toast = useToast()
  const [open, setOpen] = useState(false)
  const isAdmin = project?.role === 'admin'
  const latest = useQuery({
    queryKey: ['reprocess-jobs', slug, 'latest'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/reprocess', { params: { path: { slug }, query: { limit: 1 } }, signal })),
    enabled: isAdmin && !!slug,
    refetchInterval: (query) => (query.state.data?.[0]?.state === 'running' ? POLL_MS : false),
  })
  const start = useMutation({
    mutationFn: () => {
      const { page: _page, limit: _limit, sort: _sort, order: _order, ...query } = imagesQuery(filters)
      return unwrap(api.POST('/api/projects/{slug}/reprocess', { params: { path: { slug }, query }, body: { stages: 'detection' } }))
    },
    onSuccess: (job) => {
      setOpen(false)
      void qc.invalidateQueries({ queryKey: ['reprocess-jobs'] })
      toast.push({ title: 'Reprocessing started', description: `${plural(job.total, 'image')} queued.`, tone: 'success' })
    },
  })
  if (!isAdmin) return null
  const job = latest.data?.[0]
  return (
    <>
      {job?.state === 'running' && (
        <span role="status" className="text-sm text-stone-600">
          Reprocessing {formatNumber(job.done)} / {formatNumber(job.total)}
        </span>
      )}
      <Button onClick={() => setOpen(true)} icon={<RefreshCw className="h-4 w-4" aria-hidden />}>
        Reprocess
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => start.mutate()}
        title={`Reprocess ${matching != null ? plural(matching, 'image') : 'these images'}?`}
        description="Completed images under the current filters go through detection and classification again with the active models. The machine's results are replaced; human species labels and review decisions stay."
        confirmLabel="Reprocess"
        busy={start.isPending}
        error={start.error ? start.error.message : undefined}
      />
    </>
  )
}
