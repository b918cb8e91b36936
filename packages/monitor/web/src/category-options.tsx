import { CATEGORY_LABELS } from './format.js'

/** `All` and every category, for a category `<select>`. */
export function CategoryOptions() {
  return (
    <>
      <option value="">All</option>
      {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  )
}
