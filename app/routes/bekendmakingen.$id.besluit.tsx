import type { LoaderFunctionArgs } from '@remix-run/node'
import { decisionDocument } from '~/modules/alerts/decisions.server'

/** The published decision's document (PDF), public like the decision itself. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = Number(params.id)
  const file = Number.isSafeInteger(id) && id > 0 ? await decisionDocument(id) : null
  if (!file) throw new Response('Not found', { status: 404 })
  return new Response(file.bytes, {
    headers: {
      'Content-Type': file.type,
      'Content-Disposition': `inline; filename="${file.name.replace(/[^\w.\- ]+/g, '_')}"`,
    },
  })
}
