import { useState } from 'react'
import { FlaskConical, X } from 'lucide-react'
import { Button } from '@/components/Button'
import { DEMO_MODELS_MESSAGE, useActiveModels } from '@/lib/models'

/** Dismissed for this browser session only: a new session (or tab after closing) shows it again. */
export const DISMISS_KEY = 'addax.demoModelsBanner.dismissed'

function dismissedThisSession(): boolean {
  try {
    return sessionStorage.getItem(DISMISS_KEY) === '1'
  } catch {
    return false // storage blocked: show the banner, it can still be closed for this page
  }
}

/** Shown on every signed-in page while a demo detector or classifier is active (GET /api/config). */
export function DemoModelsBanner() {
  const models = useActiveModels()
  const [dismissed, setDismissed] = useState(dismissedThisSession)
  if (!models?.demo || dismissed) return null
  const dismiss = () => {
    try {
      sessionStorage.setItem(DISMISS_KEY, '1')
    } catch {
      // storage blocked: hidden until the next page load
    }
    setDismissed(true)
  }
  return (
    <div role="region" aria-label="Demo models" className="border-b border-amber-300 bg-amber-50 text-amber-950">
      <div className="mx-auto flex w-full max-w-[1400px] items-start gap-3 px-4 py-2.5 text-sm sm:px-6">
        <FlaskConical className="mt-0.5 h-4 w-4 shrink-0 text-amber-700" aria-hidden />
        <p className="min-w-0 flex-1">
          <span className="font-semibold">{DEMO_MODELS_MESSAGE}</span>
          <span className="mt-0.5 block break-words text-xs text-amber-800">Active: {models.demo_models.join(', ')}</span>
        </p>
        <Button
          variant="ghost"
          size="sm"
          onClick={dismiss}
          className="-my-1 text-amber-800 hover:bg-amber-100 hover:text-amber-950"
          aria-label="Hide the demo models notice for this session"
          icon={<X className="h-4 w-4" aria-hidden />}
        />
      </div>
    </div>
  )
}
