/**
 * Minimal `;`-separated record reader/writer with CSV quoting, as used by
 * Pabulib: a field containing `;`, `"` or a line break is enclosed in double
 * quotes and inner quotes are doubled. Quoted fields may span lines, so we
 * tokenise the whole text instead of splitting on line breaks first.
 */

export interface CsvRecord {
  fields: string[]
  /** 1-based line on which the record starts. */
  line: number
  /** Offsets of the record in the text (end excludes the line break), for raw access. */
  start: number
  end: number
}

export const SEPARATOR = ';'

/**
 * Splits text into records. Unquoted fields are trimmed (the format's own
 * example writes `key; value`); quoted fields are kept verbatim. Blank lines
 * yield no record.
 */
export function readRecords(text: string): {
  records: CsvRecord[]
  /** Line of an opening quote that is never closed, if any. */
  unterminatedQuoteLine?: number
} {
  const records: CsvRecord[] = []
  const { unterminatedQuoteLine } = eachRecord(text, (record) => {
    records.push(record)
  })
  return unterminatedQuoteLine === undefined ? { records } : { records, unterminatedQuoteLine }
}

/**
 * The same records as readRecords, handed to `visit` one at a time and not
 * kept: a 70,000-ballot file then never holds all its split lines at once,
 * which halves the garbage collector's work while parsing it (issue 21).
 * Records before an unterminated quote are visited before it is reported.
 */
export function eachRecord(
  text: string,
  visit: (record: CsvRecord) => void,
): {
  /** Line of an opening quote that is never closed, if any. */
  unterminatedQuoteLine?: number
} {
  let line = 1
  let nextCr = text.indexOf('\r') // next carriage return at or after the current line, or -1
  let i = 0
  while (i < text.length) {
    // Fast path for a whole line without quotes (nearly every line of a
    // file): split it at once, here in the loop. A line with a quote is
    // read character by character (readQuotedRecord), with the same fields,
    // line numbers and offsets.
    let end = text.indexOf('\n', i)
    if (end < 0) end = text.length
    if (nextCr >= 0 && nextCr < i) nextCr = text.indexOf('\r', i)
    if (nextCr >= 0 && nextCr < end) end = nextCr
    const segment = text.slice(i, end)
    if (segment.includes('"')) {
      const quoted = readQuotedRecord(text, i, line, visit)
      if (quoted.unterminatedQuoteLine !== undefined) return { unterminatedQuoteLine: quoted.unterminatedQuoteLine }
      i = quoted.next
      line = quoted.line
      continue
    }
    const fields = segment.split(SEPARATOR).map((f) => f.trim())
    const blank = fields.length === 1 && fields[0] === ''
    if (!blank) visit({ fields, line, start: i, end })
    // Past the line break (\r\n, \n or a lone \r); at the end of the text the loop ends.
    i = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1
    line++
  }
  return {}
}

/**
 * One record that contains a quote, read character by character from
 * `start` (its first character, on line `firstLine`): quoted fields may hold
 * separators and line breaks. Visits the record unless it is blank and
 * returns where the next record starts and on which line, or the line of an
 * opening quote that is never closed.
 */
function readQuotedRecord(
  text: string,
  start: number,
  firstLine: number,
  visit: (record: CsvRecord) => void,
): { next: number; line: number; unterminatedQuoteLine?: undefined } | { unterminatedQuoteLine: number } {
  const fields: string[] = []
  let field = ''
  let quoted = false // current field started with a quote
  let inQuotes = false // currently between quotes
  let fieldStarted = false // saw any non-whitespace char for this field
  let line = firstLine
  let quoteLine = 0

  const endField = (): void => {
    fields.push(quoted ? field : field.trim())
    field = ''
    quoted = false
    fieldStarted = false
  }
  const endRecord = (end: number): void => {
    endField()
    const blank = fields.length === 1 && fields[0] === ''
    if (!blank) visit({ fields, line: firstLine, start, end })
  }

  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else {
          inQuotes = false
        }
      } else {
        if (ch === '\n') line++
        else if (ch === '\r' && text[i + 1] !== '\n') line++
        field += ch
      }
      continue
    }
    if (ch === '"' && !fieldStarted) {
      // Opening quote; whitespace before it is discarded.
      quoted = true
      inQuotes = true
      quoteLine = line
      fieldStarted = true
      field = ''
      continue
    }
    if (ch === SEPARATOR) {
      endField()
      continue
    }
    if (ch === '\r' || ch === '\n') {
      const end = i
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord(end)
      return { next: i + 1, line: line + 1 }
    }
    if (quoted) {
      // Text after a closing quote (malformed but seen in the wild): keep it.
      if (ch !== ' ' && ch !== '\t') field += ch
      continue
    }
    if (ch !== ' ' && ch !== '\t') fieldStarted = true
    field += ch
  }
  if (inQuotes) return { unterminatedQuoteLine: quoteLine }
  if (field !== '' || fields.length > 0 || quoted) endRecord(text.length)
  return { next: text.length, line }
}

/** Quotes a field only when needed, so ordinary files round-trip byte for byte. */
export function quoteField(value: string): string {
  const needsQuotes =
    value.includes(SEPARATOR) || value.includes('"') || value.includes('\n') || value.includes('\r') || value !== value.trim()
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value
}

export function writeRecord(fields: readonly string[]): string {
  return fields.map(quoteField).join(SEPARATOR)
}
