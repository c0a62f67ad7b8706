import { requirePermission } from '~/auth/session.server'
import type { Actor, Rule } from '~/auth/permissions'
import { getConsultation, livesInDrawnArea, refOf } from './queries.server'
import type { ConsultationRef } from './permissions'

/** The consultation as it stands for one person: for a drawn area, whether that person lives inside it. */
export async function refForPerson(consultation: NonNullable<Awaited<ReturnType<typeof getConsultation>>>, person: Actor | null) {
  let inside: boolean | null = null
  if (consultation.areaScope === 'drawn') inside = person?.verified ? await livesInDrawnArea(person.id, consultation.id) : false
  return refOf(consultation, new Date(), inside)
}

/** The consultation of a route, or a 404; then the one guard asks the rule about it, as it stands for the person asked. */
export async function requireConsultation(request: Request, idParam: string | undefined, rule: Rule<ConsultationRef>) {
  const id = Number(idParam)
  const consultation = Number.isSafeInteger(id) ? await getConsultation(id) : null
  if (!consultation) throw new Response('Not found', { status: 404 })
  let ref: ConsultationRef | undefined
  const actor = await requirePermission(request, rule, async (person) => (ref = await refForPerson(consultation, person)))
  return { consultation, actor, ref: ref! }
}
