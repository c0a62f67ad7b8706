/**
 * Number parsing shared by the parser and the tally adapter.
 *
 * Pabulib files are produced by many hands: some write decimal commas
 * (`1234,50`) or thousands separated by spaces (`1 234`). Pabulib's own
 * checker treats a comma as the decimal separator, so we do the same.
 */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

export function parseNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  let text = raw.trim().replace(/[\s\u00a0\u202f]/g, '')
  if (text === '') return undefined
  if (/^[+-]?\d*,\d+$/.test(text)) text = text.replace(',', '.')
  if (!PLAIN_NUMBER.test(text)) return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}

/** Writes a number the way the files usually do: integers without a decimal part. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : String(value)
}
