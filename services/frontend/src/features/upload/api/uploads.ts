import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { UploadKeyCreate } from '@/lib/api/types'

export function useUploadKeys(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['upload-keys', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/upload-keys', { params: { path: { slug } }, signal })),
    enabled,
  })
}

export function useCreateUploadKey(slug: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: UploadKeyCreate) => unwrap(api.POST('/api/projects/{slug}/upload-keys', { params: { path: { slug } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['upload-keys', slug] }),
  })
}

export function useRevokeUploadKey(slug: string) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/projects/{slug}/upload-keys/{key_id}', { params: { path: { slug, key_id: id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['upload-keys', slug] }),
  })
}

/** The hashes (of up to 5,000 files a request) the server already holds. */
export async function knownHashes(slug: string, hashes: string[]): Promise<Set<string>> {
  const known = new Set<string>()
  for (let start = 0; start < hashes.length; start += 5000) {
    const body = { sha256: hashes.slice(start, start + 5000) }
    const answer = await unwrap(api.POST('/api/projects/{slug}/uploads/check', { params: { path: { slug } }, body }))
    for (const item of answer.known) known.add(item.sha256)
  }
  return known
}
