/** "From" and "To" date inputs, each with its label, that keep from ≤ to. Dates are ISO yyyy-mm-dd. */
export interface DateRange {
  date_from?: string
  date_to?: string
}

export function DateRangeFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string
  value: DateRange
  onChange: (change: DateRange) => void
}) {
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-from`} className="field-label">
          From
        </label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          className="input"
          value={value.date_from ?? ''}
          max={value.date_to}
          onChange={(e) => onChange({ date_from: e.target.value || undefined })}
        />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-to`} className="field-label">
          To
        </label>
        <input
          id={`${idPrefix}-to`}
          type="date"
          className="input"
          value={value.date_to ?? ''}
          min={value.date_from}
          onChange={(e) => onChange({ date_to: e.target.value || undefined })}
        />
      </div>
    </>
  )
}
