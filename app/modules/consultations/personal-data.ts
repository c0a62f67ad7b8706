/*
 * The automatic personal-data check on open-text answers before they are shown publicly (results page,
 * open-data export, API). It masks what identifies a person: e-mail addresses, phone numbers, postcodes
 * (with the house number next to them), house numbers after a street name, IBANs, citizen service
 * numbers (BSN, with the 11-test) and the names the owner marks. It errs on the side of masking; the
 * owner's own CSV keeps the text as written. Decision 0108.
 */

export const MASKS = {
  email: '[e-mailadres]',
  phone: '[telefoonnummer]',
  address: '[adres]',
  houseNumber: '[huisnummer]',
  iban: '[rekeningnummer]',
  bsn: '[BSN]',
  name: '[naam]',
} as const

export const MASK_LIMITS = { terms: 50, termMin: 2, termMax: 60 }

// Every pattern starts only where its first run starts (a look-behind) or has bounded repetition, so the
// masker takes linear time on any text (a crafted answer cannot make each public view slow).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu
const IBAN = /\b[A-Z]{2}\d{2}[ ]?[A-Z]{4}(?:[ ]?\d){10}\b/gi
// Candidates for phone numbers: a run of digits with spaces, dots, dashes or brackets, maybe +31 / 0031.
const PHONE = /(?:\+|\b00)?\(?\d[\d ().-]{7,18}\d/g
const HOUSE = String.raw`\d{1,5}(?:[ -]?[a-zA-Z]\b|[ -]\d{1,4}\b)?`
// Two letters after a space may be a word ("1000 of", "2000 en"): those are not taken as a postcode.
const WORDS = 'en|of|op|in|na|te|om|is|al|ik|je|we|ze|er|nu|zo|ja|nee|bij|de|het|uur|km|ha|cm|mm|kg|jr'
const POSTCODE = String.raw`\b[1-9]\d{3}(?:[A-Za-z]{2}|[ ](?!(?:${WORDS})\b)[A-Za-z]{2})\b`
const POSTCODE_WITH_HOUSE = new RegExp(String.raw`(?:${HOUSE}[ ,]{1,3})?${POSTCODE}(?:[ ,]{1,3}(?:nr\.?[ ]?)?${HOUSE})?`, 'g')
// A house number after a word that names a street (Herestraat 12, Grote Markt 1a, Verlengde Hereweg 100-2).
const STREET_NUMBER = new RegExp(
  String.raw`((?<![\p{L}'-])[\p{L}'-]{0,40}(?:straat|weg|laan|plein|kade|singel|dijk|pad|steeg|hof|gracht|dreef|park|ring|markt|wal|diep|plantsoen|baan|erf|veld|zijl|straatje|pleintje)\b\.?[ ]+)(?:nr\.?[ ]?)?\d{1,5}(?:[ -]?[a-zA-Z]\b|[ -]\d{1,4}\b)?`,
  'giu',
)
// "nummer 12", "huisnummer 3a", "nr. 7" without a street name before it.
const NUMBER_WORD = /(\b(?:huis)?nummer[ ]?|\bnr\.?[ ]?)\d{1,5}(?:[ -]?[a-zA-Z]\b)?/gi
// Nine digits, also written in groups with dots, spaces or dashes (123.456.782, 1234.56.782).
const BSN = /\b(?:\d{9}|\d{3}([.\- ])\d{3}\1\d{3}|\d{4}([.\- ])\d{2}\2\d{3})\b/g

/**
 * Characters that look like the ones the patterns look for: non-breaking and narrow spaces, dashes,
 * fullwidth @ and digits. Replaced one for one, so the rest of the text stays as written.
 */
function plain(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f\u2009\u200a]/g, ' ')
    .replace(/[\u2010-\u2015\u2212\ufe63\uff0d]/g, '-')
    .replace(/[\uff20\ufe6b]/g, '@')
    .replace(/[\uff0e]/g, '.')
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
}

const digitsOf = (s: string) => s.replace(/\D/g, '')

function isPhone(candidate: string): boolean {
  const digits = digitsOf(candidate)
  const international = /^\s*(?:\+|00)/.test(candidate)
  if (international) {
    const national = candidate.trim().startsWith('+') ? digits : digits.slice(2)
    return national.startsWith('31') && (national.length === 11 || (national.length === 12 && national[2] === '0'))
  }
  return digits.length === 10 && digits.startsWith('0') && digits[1] !== '0'
}

/** The 11-test of a citizen service number. */
function isBsn(nine: string): boolean {
  const d = nine.split('').map(Number)
  const sum = d.slice(0, 8).reduce((s, n, i) => s + n * (9 - i), 0) - d[8]!
  return sum % 11 === 0 && sum !== 0
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Owner-marked names: one per line, trimmed, unique, within the limits. */
export function normaliseTerms(lines: string[]): string[] {
  const out: string[] = []
  for (const l of lines) {
    const t = l.trim().replace(/\s+/g, ' ')
    if (t.length >= MASK_LIMITS.termMin && !out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t)
  }
  return out
}

/** The text as it may be shown publicly, and how many things were masked. */
export function maskPersonalData(text: string, terms: string[] = []): { text: string; masked: number } {
  let masked = 0
  const count =
    (mask: string) =>
    (..._args: unknown[]) => {
      masked++
      return mask
    }
  let out = plain(text).replace(EMAIL, count(MASKS.email))
  out = out.replace(IBAN, count(MASKS.iban))
  out = out.replace(PHONE, (m) => {
    if (!isPhone(m)) return m
    masked++
    return MASKS.phone
  })
  out = out.replace(POSTCODE_WITH_HOUSE, count(MASKS.address))
  out = out.replace(STREET_NUMBER, (_m, street: string) => {
    masked++
    return `${street}${MASKS.houseNumber}`
  })
  out = out.replace(NUMBER_WORD, (_m, word: string) => {
    masked++
    return `${word}${MASKS.houseNumber}`
  })
  out = out.replace(BSN, (m) => (isBsn(digitsOf(m)) ? count(MASKS.bsn)() : m))
  const sorted = [...terms].sort((a, b) => b.length - a.length)
  for (const term of sorted) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(term).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu')
    out = out.replace(pattern, count(MASKS.name))
  }
  return { text: out, masked }
}
