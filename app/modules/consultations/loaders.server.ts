import { getActor, requirePermission } from '~/auth/session.server'
import type { Rule } from '~/auth/permissions'
import { getConsultation, livesInDrawnArea, refOf } from './queries.server'
import type { ConsultationRef } from './permissions'

/**
 * The consultation of a route or a 404; then the rule is asked (on the status its dates give now, and for
 * a drawn area whether the person lives inside it).
 */
export async function requireConsultation(request: Request, idParam: string | undefined, rule: Rule<ConsultationRef>) {
  const id = Number(idParam)
  const consultation = Number.isSafeInteger(id) ? await getConsultation(id) : null
  if (!consultation) throw new Response('Not found', { status: 404 })
  let inside: boolean | null = null
  if (consultation.areaScope === 'drawn') {
    const person = await getActor(request)
    inside = person?.verified ? await livesInDrawnArea(person.id, consultation.id) : false
  }
  const ref = refOf(consultation, new Date(), inside)
  const actor = await requirePermission(request, rule, ref)
  return { consultation, actor, ref }
}
