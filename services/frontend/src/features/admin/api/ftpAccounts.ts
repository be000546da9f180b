import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { FtpAccountCreate, FtpAccountUpdate } from '@/lib/api/types'

const KEY = ['ftp-accounts']

export function useFtpAccounts() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => unwrap(api.GET('/api/ftp-accounts', { signal })),
  })
}

function useInvalidate() {
  const qc = useQueryClient()
  return () => {
    void qc.invalidateQueries({ queryKey: KEY })
    void qc.invalidateQueries({ queryKey: ['audit'] })
  }
}

export function useCreateFtpAccount() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: (body: FtpAccountCreate) => unwrap(api.POST('/api/ftp-accounts', { body })),
    onSuccess,
  })
}

export function useUpdateFtpAccount() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({ id, ...body }: FtpAccountUpdate & { id: number }) =>
      unwrap(api.PATCH('/api/ftp-accounts/{account_id}', { params: { path: { account_id: id } }, body })),
    onSuccess,
  })
}

export function useDeleteFtpAccount() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/ftp-accounts/{account_id}', { params: { path: { account_id: id } } })),
    onSuccess,
  })
}
