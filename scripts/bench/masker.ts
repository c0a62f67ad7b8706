/**
 * `npm run bench -- masker`: the personal-data masker of open answers (app/modules/consultations/
 * personal-data.ts) on 100,000 characters of ordinary text and of inputs crafted against its patterns.
 * Linear time means the crafted inputs take about as long as the ordinary one.
 */
import { maskPersonalData } from '../../app/modules/consultations/personal-data'

const SIZE = 100_000
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE)

const inputs: Record<string, string> = {
  ordinary: fill('Ik woon aan de Herestraat 12 en bel me op 06-12345678 of mail anna@example.nl. Het plan is goed. '),
  letters: fill('a'),
  digitsAndSpaces: fill('1 '),
  hyphenatedWords: fill('a-'),
  emailLocalParts: fill('a.'),
  postcodeLike: fill('1 , '),
}

export async function run() {
  const ms: Record<string, number> = {}
  for (const [name, text] of Object.entries(inputs)) {
    maskPersonalData(text.slice(0, 1000))
    const started = performance.now()
    maskPersonalData(text)
    ms[name] = Math.round((performance.now() - started) * 10) / 10
  }
  return { bench: 'masker', characters: SIZE, ms, worstMs: Math.max(...Object.values(ms)) }
}
