import type { ReactNode } from 'react'
import { ConfirmDialog } from './Modal'
import { useToast } from './Toasts'

/** What the dialog needs of a TanStack delete mutation that takes the item's id. */
interface DeleteMutation {
  mutate: (id: number, options: { onSuccess: () => void }) => void
  reset: () => void
  isPending: boolean
  error: Error | null
}

/**
 * "Delete …?" for a table row's item: deletes through `mutation`, says so in a toast and closes; a
 * refusal stays in the dialog. With `typeName` the user types the item's name first.
 */
export function ConfirmDeleteDialog<T extends { id: number }>({
  item,
  name,
  onClose,
  mutation,
  title,
  description,
  confirmLabel,
  typeName,
}: {
  item: T | null
  name: (item: T) => string
  onClose: () => void
  mutation: DeleteMutation
  title: string
  description: ReactNode
  confirmLabel: string
  typeName?: boolean
}) {
  const { push } = useToast()
  const label = item ? name(item) : ''
  return (
    <ConfirmDialog
      open={!!item}
      onClose={() => {
        onClose()
        mutation.reset()
      }}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      confirmText={typeName ? label : undefined}
      busy={mutation.isPending}
      error={mutation.error?.message}
      onConfirm={() =>
        item &&
        mutation.mutate(item.id, {
          onSuccess: () => {
            push({ title: `${label} deleted`, tone: 'success' })
            onClose()
          },
        })
      }
    />
  )
}
