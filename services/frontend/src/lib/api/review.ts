/** Review requests more than one page makes (the gallery's selection, the image page's sequence). */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { ReviewStatus } from '@/lib/api/types'
import { useProjectSlug } from '@/lib/project'

function useInvalidateReviews() {
  const queryClient = useQueryClient()
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['images'] })
    void queryClient.invalidateQueries({ queryKey: ['image'] })
    void queryClient.invalidateQueries({ queryKey: ['sequence'] })
    void queryClient.invalidateQueries({ queryKey: ['stats'] })
  }
}

/** Sets the review status of many images at once (at most 500 per request). */
export function useBulkReview() {
  const slug = useProjectSlug()
  const invalidate = useInvalidateReviews()
  return useMutation({
    mutationFn: ({ ids, status }: { ids: string[]; status: ReviewStatus }) =>
      unwrap(api.POST('/api/projects/{slug}/images/review', { params: { path: { slug } }, body: { image_ids: ids, status } })),
    onSettled: invalidate,
  })
}

/** Sets the review status of every frame of a sequence in one request. */
export function useReviewSequence() {
  const slug = useProjectSlug()
  const invalidate = useInvalidateReviews()
  return useMutation({
    mutationFn: ({ sequenceId, status }: { sequenceId: string; status: ReviewStatus }) =>
      unwrap(
        api.POST('/api/projects/{slug}/sequences/{sequence_id}/review', {
          params: { path: { slug, sequence_id: sequenceId } },
          body: { status },
        }),
      ),
    onSettled: invalidate,
  })
}
