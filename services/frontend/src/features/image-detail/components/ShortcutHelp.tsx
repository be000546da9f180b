import { Modal } from '@/components/Modal'
import { SHORTCUTS } from '../keyboard'

export function ShortcutHelp({ open, onClose, canReview }: { open: boolean; onClose: () => void; canReview: boolean }) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts" description="Review images without reaching for the mouse." size="sm">
      <table className="w-full text-sm">
        <caption className="sr-only">Keyboard shortcuts on the image page</caption>
        <tbody className="divide-y divide-stone-100">
          {SHORTCUTS.filter((s) => canReview || !s.review).map((s) => (
            <tr key={s.action}>
              <td className="py-2 pr-4">
                {s.keys.map((k) => (
                  <kbd
                    key={k}
                    className="inline-flex min-w-[1.75rem] items-center justify-center rounded-md border border-stone-300 bg-stone-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-stone-700 shadow-[0_1px_0_#d6d3d1]"
                  >
                    {k}
                  </kbd>
                ))}
              </td>
              <td className="py-2 text-stone-700">{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!canReview && <p className="mt-3 text-xs text-stone-500">Approve, reject and flag are available to analysts and admins.</p>}
    </Modal>
  )
}
