/**
 * Whether the person asked their system for less motion (WCAG 2.3.3). Read once where it is used:
 * charts are configured when their module loads, and CSS follows the media query by itself
 * (index.css).
 */
export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false
}
