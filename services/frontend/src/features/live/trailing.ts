/** Runs `action` once, `delayMs` after the last `poke()` of a run of them. */
export function trailing(action: () => void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  return {
    poke() {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        action()
      }, delayMs)
    },
    cancel() {
      if (timer) clearTimeout(timer)
      timer = null
    },
  }
}
