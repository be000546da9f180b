import { useEffect } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { ImageDetail, ReviewStatus } from '@/lib/api/types'
import { imagesQuery } from '@/lib/filters'
import type { ImageFilters } from '@/lib/filters'
import { keepWithinProject, useProjectSlug } from '@/lib/project'

export function imageKey(id: string, filters?: ImageFilters, slug?: string) {
  return filters ? ['image', id, slug, filters] : ['image', id]
}

function imageQueryOptions(slug: string, id: string, filters: ImageFilters) {
  return {
    queryKey: imageKey(id, filters, slug),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      unwrap(
        api.GET('/api/projects/{slug}/images/{image_id}', {
          params: { path: { slug, image_id: id }, query: imagesQuery(filters, false) },
          signal,
        }),
      ),
  }
}

/** One image with its detections, plus the previous/next image under the gallery's filters. */
export function useImage(id: string, filters: ImageFilters) {
  const slug = useProjectSlug()
  return useQuery({ ...imageQueryOptions(slug, id, filters), placeholderData: keepWithinProject(slug) })
}

/**
 * Loads the previous and next image (data and photo) in the background, so arrow-key review
 * moves without waiting for the network.
 */
export function usePrefetchNeighbours(prevId: string | null | undefined, nextId: string | null | undefined, filters: ImageFilters) {
  const queryClient = useQueryClient()
  const slug = useProjectSlug()
  useEffect(() => {
    for (const id of [nextId, prevId]) {
      if (!id) continue
      void queryClient
        .fetchQuery({ ...imageQueryOptions(slug, id, filters), staleTime: 30_000 })
        .then((detail) => {
          if (detail.url) new Image().src = detail.url
        })
        .catch(() => {})
    }
  }, [prevId, nextId, filters, queryClient, slug])
}

/** Replaces an image in every cached detail entry for it (the same image under different filters). */
function patchImage(queryClient: ReturnType<typeof useQueryClient>, id: string, patch: (img: ImageDetail) => ImageDetail) {
  queryClient.setQueriesData<ImageDetail>({ queryKey: ['image', id] }, (old) => (old ? patch(old) : old))
}

export function useReviewImage(id: string, reviewerEmail?: string | null) {
  const queryClient = useQueryClient()
  const slug = useProjectSlug()
  return useMutation({
    mutationFn: (status: ReviewStatus) =>
      unwrap(
        api.POST('/api/projects/{slug}/images/{image_id}/review', {
          params: { path: { slug, image_id: id } },
          body: { status },
        }),
      ),
    onMutate: async (status) => {
      await queryClient.cancelQueries({ queryKey: ['image', id] })
      const previous = queryClient.getQueriesData<ImageDetail>({ queryKey: ['image', id] })
      patchImage(queryClient, id, (img) => ({ ...img, review_status: status }))
      return { previous }
    },
    onSuccess: (result) => {
      // The answer has everything that changed: no need to fetch the image again (reviewers
      // move fast, and every request counts against the API's per-user rate limit).
      patchImage(queryClient, id, (img) => ({
        ...img,
        review_status: result.review_status,
        reviewed_by: result.reviewed_by,
        reviewed_at: result.reviewed_at,
        reviewed_by_email: result.reviewed_by == null ? null : (reviewerEmail ?? img.reviewed_by_email),
      }))
    },
    onError: (_err, _status, context) => {
      context?.previous.forEach(([key, data]) => queryClient.setQueryData(key, data))
    },
    onSettled: () => {
      // Lists and statistics refetch only where they are on screen.
      void queryClient.invalidateQueries({ queryKey: ['images'] })
      void queryClient.invalidateQueries({ queryKey: ['sequence'] })
      void queryClient.invalidateQueries({ queryKey: ['stats'] })
    },
  })
}

export function useCorrectSpecies(id: string) {
  const queryClient = useQueryClient()
  const slug = useProjectSlug()
  return useMutation({
    mutationFn: ({ detectionId, label }: { detectionId: number; label: string }) =>
      unwrap(
        api.PUT('/api/projects/{slug}/images/{image_id}/detections/{detection_id}/species', {
          params: { path: { slug, image_id: id, detection_id: detectionId } },
          body: { label },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['image', id] })
      void queryClient.invalidateQueries({ queryKey: ['images'] })
      void queryClient.invalidateQueries({ queryKey: ['species'] })
      void queryClient.invalidateQueries({ queryKey: ['stats'] })
    },
  })
}

export function useRetryImage(id: string) {
  const queryClient = useQueryClient()
  const slug = useProjectSlug()
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/projects/{slug}/images/{image_id}/retry', { params: { path: { slug, image_id: id } } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['image', id] })
      void queryClient.invalidateQueries({ queryKey: ['images'] })
    },
  })
}

/** Removes a detection's human label (DELETE): the machine's label counts again. */
export function useResetSpecies(id: string) {
  const queryClient = useQueryClient()
  const slug = useProjectSlug()
  return useMutation({
    mutationFn: (detectionId: number) =>
      unwrap(
        api.DELETE('/api/projects/{slug}/images/{image_id}/detections/{detection_id}/species', {
          params: { path: { slug, image_id: id, detection_id: detectionId } },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['image', id] })
      void queryClient.invalidateQueries({ queryKey: ['images'] })
      void queryClient.invalidateQueries({ queryKey: ['species'] })
      void queryClient.invalidateQueries({ queryKey: ['stats'] })
    },
  })
}

/** The frames of a sequence with their thumbnails and review status (GET /sequences/{id}). */
export function useSequence(sequenceId: string | undefined, enabled: boolean) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['sequence', slug, sequenceId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/sequences/{sequence_id}', { params: { path: { slug, sequence_id: sequenceId! } }, signal })),
    enabled: enabled && Boolean(sequenceId),
    staleTime: 10_000,
  })
}
