import { Spinner } from '@/components/Spinner'
import { Logo } from '@/components/Logo'

export function SplashScreen() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-5 bg-stone-50">
      <Logo className="h-10" />
      <Spinner className="h-5 w-5 text-forest-600" label="Restoring your session" />
    </div>
  )
}
