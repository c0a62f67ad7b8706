import { requirePermission } from '~/auth/session.server'
import type { Rule } from '~/auth/permissions'
import { getConsultation, refOf } from './queries.server'
import type { ConsultationRef } from './permissions'

/** The consultation of a route or a 404; then the rule is asked (on the status its dates give now). */
export async function requireConsultation(request: Request, idParam: string | undefined, rule: Rule<ConsultationRef>) {
  const id = Number(idParam)
  const consultation = Number.isSafeInteger(id) ? await getConsultation(id) : null
  if (!consultation) throw new Response('Not found', { status: 404 })
  const actor = await requirePermission(request, rule, refOf(consultation))
  return { consultation, actor }
}
