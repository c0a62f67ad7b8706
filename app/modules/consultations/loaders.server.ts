import { getActor, requirePermission } from '~/auth/session.server'
import type { Actor, Rule } from '~/auth/permissions'
import { getConsultation, livesInDrawnArea, refOf } from './queries.server'
import type { ConsultationRef } from './permissions'

/**
 * The consultation of a route or a 404; then the rule is asked (on the status its dates give now, and for
 * a drawn area whether the person lives inside it).
 */
/** The consultation as it stands for one person: for a drawn area, whether that person lives inside it. */
export async function refForPerson(consultation: NonNullable<Awaited<ReturnType<typeof getConsultation>>>, person: Actor | null) {
  let inside: boolean | null = null
  if (consultation.areaScope === 'drawn') inside = person?.verified ? await livesInDrawnArea(person.id, consultation.id) : false
  return refOf(consultation, new Date(), inside)
}

export async function requireConsultation(request: Request, idParam: string | undefined, rule: Rule<ConsultationRef>) {
  const id = Number(idParam)
  const consultation = Number.isSafeInteger(id) ? await getConsultation(id) : null
  if (!consultation) throw new Response('Not found', { status: 404 })
  const ref = await refForPerson(consultation, await getActor(request))
  const actor = await requirePermission(request, rule, ref)
  return { consultation, actor, ref }
}
