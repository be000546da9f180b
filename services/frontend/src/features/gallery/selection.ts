/**
 * Gallery multi-select: a click toggles one image, a shift-click selects every image between the last
 * clicked one (the anchor) and this one, in the order the page shows them.
 */

export interface Selection {
  ids: ReadonlySet<string>
  anchor: string | null
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null }

/** The ids from `from` to `to` inclusive, in page order (either direction); [] when one is not on the page. */
export function rangeBetween(order: readonly string[], from: string, to: string): string[] {
  const a = order.indexOf(from)
  const b = order.indexOf(to)
  if (a < 0 || b < 0) return []
  const [lo, hi] = a <= b ? [a, b] : [b, a]
  return order.slice(lo, hi + 1)
}

/**
 * The selection after a click on `id`. A plain click toggles it and makes it the anchor. A shift-click
 * with an anchor on the page gives the whole range the anchor's state (selecting it, or clearing it
 * when the anchor was cleared), so a range can be added and taken away again.
 */
export function clickSelection(state: Selection, order: readonly string[], id: string, shift: boolean): Selection {
  const ids = new Set(state.ids)
  if (shift && state.anchor && state.anchor !== id) {
    const range = rangeBetween(order, state.anchor, id)
    if (range.length) {
      const select = ids.has(state.anchor)
      for (const x of range) {
        if (select) ids.add(x)
        else ids.delete(x)
      }
      return { ids, anchor: id }
    }
  }
  if (ids.has(id)) ids.delete(id)
  else ids.add(id)
  return { ids, anchor: id }
}

/** Selects every image of the page, keeping what was selected on other pages. */
export function selectAll(state: Selection, order: readonly string[]): Selection {
  const ids = new Set(state.ids)
  order.forEach((id) => ids.add(id))
  return { ids, anchor: order[order.length - 1] ?? state.anchor }
}

/** Whether every image of the page is selected. */
export function allSelected(state: Selection, order: readonly string[]): boolean {
  return order.length > 0 && order.every((id) => state.ids.has(id))
}

/** Clears the page's images from the selection. */
export function deselectAll(state: Selection, order: readonly string[]): Selection {
  const ids = new Set(state.ids)
  order.forEach((id) => ids.delete(id))
  return { ids, anchor: null }
}

/**
 * How to undo a bulk review: the selected images grouped by the review status they had before, so each
 * group goes back with one bulk request. Images whose status is unknown are left out.
 */
export function undoGroups<S extends string>(ids: readonly string[], before: ReadonlyMap<string, S>, applied: S): Map<S, string[]> {
  const groups = new Map<S, string[]>()
  for (const id of ids) {
    const status = before.get(id)
    if (status === undefined || status === applied) continue
    groups.set(status, [...(groups.get(status) ?? []), id])
  }
  return groups
}
