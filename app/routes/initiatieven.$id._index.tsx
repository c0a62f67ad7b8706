import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { loggedIn } from '~/auth/permissions'
import { getActor, redirectWithFlash, requirePermission } from '~/auth/session.server'
import { participant, withAssistedRecord } from '~/auth/acting.server'
import { Denial } from '~/components/denial'
import { isHttpUrl } from '~/utils/links'
import { FormError, StemFormElement, SubmitButton, TextAreaField, useStemForm } from '~/components/forms'
import { isFollowing } from '~/modules/engagement/engagement.server'
import { WeighingDeclaration, type DeclarationView } from '~/modules/participation/components'
import { formatDate } from '~/modules/participation/declaration'
import { declarationOf, findItem } from '~/modules/participation/queries.server'
import { addComment, editComment, likeComment } from '~/modules/proposals/comments.server'
import { ANSWER_LABEL, publishProposal, retireProposal, setFollowing } from '~/modules/proposals/commands.server'
import { KIND } from '~/modules/proposals/basics.server'
import { supportProposal, withdrawSupport } from '~/modules/proposals/supports.server'
import { StatusBadge, SupportProgress } from '~/modules/proposals/badges'
import { proposalPermissions, type ProposalFacts } from '~/modules/proposals/permissions'
import { commentById, commentsOf, documentsOf, getProposal, isSupporting, type CommentView } from '~/modules/proposals/queries.server'
import { COMMENT_EDIT_MINUTES, commentSchema, LIMITS, retireSchema } from '~/modules/proposals/validation'
import { parseForm } from '~/utils/forms'
import { formatFileSize } from '~/utils/file-size'
import { useLocale, useT } from '~/utils/i18n'
import { pageTitle } from '~/utils/meta'
import { formatInstant } from '~/utils/time'
import { ServedPromises } from '~/modules/promises/components'
import { promisesServedBy } from '~/modules/promises/queries.server'
import { fieldMessages } from '~/utils/result'
import type { FieldErrors } from '~/utils/forms'

async function load(request: Request, idParam: string | undefined) {
  const id = Number(idParam)
  const p = /^\d{1,15}$/.test(idParam ?? '') ? await getProposal(id) : null
  if (!p) throw new Response('Not found', { status: 404 })
  await requirePermission(request, proposalPermissions.view, p as ProposalFacts)
  return p
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const p = await load(request, params.id)
  const actor = await getActor(request)
  const url = new URL(request.url)
  const sort = url.searchParams.get('reacties') === 'best' ? 'best' : 'newest'
  const item = await findItem({ kind: KIND, itemId: String(p.id) })
  const declaration = item ? await declarationOf(item.id) : null
  const view = (d: NonNullable<typeof declaration>['current']): DeclarationView | null =>
    d ? { ...d, createdAt: d.createdAt.toISOString(), bindingRule: d.bindingRule ?? null } : null
  // A helper acting for a resident supports as that resident (assisted module).
  const supporter = await participant(request)
  const support = proposalPermissions.support(supporter, p)
  const [supporting, following, comments, documents] = await Promise.all([
    supporter ? isSupporting(p.id, supporter.id) : false,
    actor ? isFollowing(actor.id, KIND, String(p.id)) : false,
    commentsOf(p.id, sort),
    p.hiddenReason ? [] : documentsOf(p.id),
  ])
  return json({
    servedPromises: await promisesServedBy(KIND, String(p.id)),
    proposal: {
      id: p.id,
      title: p.title,
      summary: p.summary,
      bodyHtml: p.hiddenReason ? null : p.bodyHtml,
      hiddenReason: p.hiddenReason,
      theme: p.theme,
      wijkName: p.wijkName,
      status: p.status,
      authorName: p.authorName,
      locationLabel: p.locationLabel,
      hasImage: p.hasImage,
      supportCount: p.supportCount,
      threshold: p.threshold,
      windowEndsAt: p.windowEndsAt?.toISOString() ?? null,
      answerDeadline: p.answerDeadline?.toISOString() ?? null,
      answerKind: p.answerKind ? ANSWER_LABEL[p.answerKind] : null,
      answerReasons: p.answerReasons,
      answerLink: p.answerLink,
      answeredAt: p.answeredAt?.toISOString() ?? null,
      retiredReason: p.retiredReason,
    },
    documents: documents.map(({ id, title, size, url }) => ({ id, title, size, url })),
    declaration: declaration ? { current: view(declaration.current), history: declaration.history.map((d) => view(d)!) } : null,
    actorId: actor?.id ?? null,
    supporting,
    following,
    supportDenied: support.ok ? null : support.reason,
    canWithdraw: supporting && proposalPermissions.withdraw(supporter, p).ok,
    canEdit: proposalPermissions.edit(actor, p).ok,
    canRetire: proposalPermissions.retire(actor, p).ok,
    canPublish: proposalPermissions.publish(actor, p).ok,
    canComment: proposalPermissions.comment(actor, p).ok,
    canFollow: proposalPermissions.follow(actor, p).ok,
    comments: comments.comments,
    commentCount: comments.count,
    sort,
    now: Date.now(),
  })
}

type IntentArgs = { request: Request; p: Awaited<ReturnType<typeof load>>; formData: FormData; here: string }

async function support({ request, p, here }: IntentArgs) {
  const actor = (await requirePermission(request, proposalPermissions.support, p))!
  const assisted = actor.actingFor
  const result = await withAssistedRecord(
    assisted,
    (tx) => supportProposal(p.id, actor.id, tx),
    (r) => (r.ok && r.counted ? { action: 'proposal.support', itemKind: 'proposal', itemId: String(p.id) } : null),
  )
  if (!result.ok) return redirectWithFlash(request, here, 'proposals.flash.closed')
  return redirectWithFlash(request, here, result.reached ? 'proposals.flash.reached' : 'proposals.flash.supported')
}

async function withdraw({ request, p, here }: IntentArgs) {
  const actor = (await requirePermission(request, proposalPermissions.withdraw, p))!
  const assisted = actor.actingFor
  const result = await withAssistedRecord(
    assisted,
    (tx) => withdrawSupport(p.id, actor.id, tx),
    (r) => (r.ok && r.counted ? { action: 'proposal.withdraw_support', itemKind: 'proposal', itemId: String(p.id) } : null),
  )
  return redirectWithFlash(request, here, result.ok ? 'proposals.flash.withdrawn' : 'proposals.flash.closed')
}

async function follow({ request, p, here }: IntentArgs, on: boolean) {
  const actor = (await requirePermission(request, proposalPermissions.follow, p))!
  await setFollowing(actor.id, p.id, on)
  return redirectWithFlash(request, here, on ? 'proposals.flash.followed' : 'proposals.flash.unfollowed')
}

async function publish({ request, p, here }: IntentArgs) {
  const actor = (await requirePermission(request, proposalPermissions.edit, p))!
  const result = await publishProposal(p.id, actor.id)
  if (!result.ok) return json({ errors: fieldMessages(result) as FieldErrors, values: {} }, { status: 400 })
  return redirectWithFlash(request, here, 'proposals.flash.published')
}

async function retire({ request, p, formData, here }: IntentArgs) {
  const actor = (await requirePermission(request, proposalPermissions.retire, p))!
  const parsed = parseForm(retireSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  const result = await retireProposal(p.id, actor.id, parsed.data.reason)
  if (!result.ok) return json({ errors: fieldMessages(result) as FieldErrors, values: {} }, { status: 400 })
  return redirectWithFlash(request, here, 'proposals.flash.retired')
}

async function writeComment({ request, p, formData, here }: IntentArgs, edit: boolean) {
  const actor = (await requirePermission(request, proposalPermissions.comment, p))!
  const parsed = parseForm(commentSchema, formData)
  if (!parsed.ok) return json(parsed, { status: 400 })
  if (edit) {
    const comment = await commentById(Number(formData.get('commentId')))
    if (!comment || comment.proposalId !== p.id) throw new Response('Not found', { status: 404 })
    const result = await editComment(comment.id, actor.id, parsed.data.body)
    if (!result.ok)
      return json({ ok: false, errors: fieldMessages(result) as FieldErrors, values: { body: parsed.data.body } }, { status: 400 })
    return redirectWithFlash(request, `${here}#reactie-${comment.id}`, 'proposals.flash.saved')
  }
  // A new comment, like a support, is the resident's while a helper acts for them (on the phone).
  const author = (await requirePermission(request, proposalPermissions.addComment, p))!
  const assisted = author.actingFor
  const result = await withAssistedRecord(
    assisted,
    (tx) => addComment(p.id, author.id, parsed.data.body, parsed.data.parentId || null, tx),
    (r) => (r.ok ? { action: 'proposal.comment', itemKind: 'proposal', itemId: String(p.id) } : null),
  )
  if (!result.ok)
    return json({ ok: false, errors: fieldMessages(result) as FieldErrors, values: { body: parsed.data.body } }, { status: 400 })
  return redirectWithFlash(request, `${here}#reactie-${result.id}`, 'proposals.flash.commented')
}

async function like({ request, p, formData, here }: IntentArgs) {
  const actor = (await requirePermission(request, proposalPermissions.comment, p))!
  const comment = await commentById(Number(formData.get('commentId')))
  if (!comment || comment.proposalId !== p.id) throw new Response('Not found', { status: 404 })
  await likeComment(comment.id, actor.id)
  return redirectWithFlash(request, `${here}#reactie-${comment.id}`, 'proposals.flash.saved')
}

export async function action({ request, params }: ActionFunctionArgs) {
  const p = await load(request, params.id)
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const args: IntentArgs = { request, p, formData, here: `/initiatieven/${p.id}` }
  switch (intent) {
    case 'support':
      return support(args)
    case 'withdraw':
      return withdraw(args)
    case 'follow':
    case 'unfollow':
      return follow(args, intent === 'follow')
    case 'publish':
      return publish(args)
    case 'retire':
      return retire(args)
    case 'comment':
    case 'edit-comment':
      return writeComment(args, intent === 'edit-comment')
    case 'like':
      return like(args)
    default: {
      await requirePermission(request, (a) => loggedIn(a), undefined)
      return json({ errors: { form: 'errors.required' }, values: {} }, { status: 400 })
    }
  }
}

function Comment({
  c,
  canComment,
  actorId,
  now,
  isReply,
}: {
  c: CommentView
  canComment: boolean
  actorId: string | null
  now: number
  isReply?: boolean
}) {
  const t = useT()
  const locale = useLocale()
  const location = useLocation()
  const back = encodeURIComponent(`${location.pathname}#reactie-${c.id}`)
  const editable = actorId && c.authorId === actorId && !c.hiddenReason && now - Date.parse(c.createdAt) < COMMENT_EDIT_MINUTES * 60_000
  return (
    <li id={`reactie-${c.id}`} className="comment">
      <p className="comment-meta">
        <strong>{c.authorName}</strong> <time dateTime={c.createdAt}>{formatInstant(c.createdAt, locale, 'datetime')}</time>{' '}
        {c.edited ? t('proposals.comment_edited') : null}
      </p>
      {c.hiddenReason ? (
        <p className="hidden-content">{t('proposals.comment_hidden', { reason: c.hiddenReason })}</p>
      ) : (
        <p className="comment-body">{c.body}</p>
      )}
      <div className="comment-actions">
        {canComment && !c.hiddenReason ? (
          <Form method="post" className="inline">
            <input type="hidden" name="intent" value="like" />
            <input type="hidden" name="commentId" value={c.id} />
            <button type="submit" className="link">
              {t('proposals.comment_like', { n: c.likes })}
            </button>
          </Form>
        ) : (
          <span>{t('proposals.comment_like', { n: c.likes })}</span>
        )}{' '}
        {!c.hiddenReason ? <a href={`/melden?kind=proposal_comment&id=${c.id}&terug=${back}`}>{t('proposals.report')}</a> : null}
      </div>
      {editable ? (
        <details>
          <summary>{t('proposals.comment_edit')}</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="edit-comment" />
            <input type="hidden" name="commentId" value={c.id} />
            <label htmlFor={`edit-${c.id}`}>{t('proposals.fields.comment')}</label>
            <textarea id={`edit-${c.id}`} name="body" defaultValue={c.body ?? ''} maxLength={LIMITS.comment} rows={3} required />
            <button type="submit">{t('proposals.comment_edit_submit')}</button>
          </Form>
        </details>
      ) : null}
      {!isReply && canComment ? (
        <details>
          <summary>{t('proposals.reply')}</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="parentId" value={c.id} />
            <label htmlFor={`reply-${c.id}`}>{t('proposals.fields.reply')}</label>
            <textarea id={`reply-${c.id}`} name="body" maxLength={LIMITS.comment} rows={3} required />
            <button type="submit">{t('proposals.reply_submit')}</button>
          </Form>
        </details>
      ) : null}
      {c.replies.length ? (
        <ul className="replies">
          {c.replies.map((r) => (
            <Comment key={r.id} c={r} canComment={canComment} actorId={actorId} now={now} isReply />
          ))}
        </ul>
      ) : null}
    </li>
  )
}

function SupportBox() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  const p = d.proposal
  return (
    <section aria-labelledby="support-heading" className="support-box">
      <h2 id="support-heading" className="visually-hidden">
        {t('proposals.progress_label')}
      </h2>
      {d.supporting ? <p>{t('proposals.you_support')}</p> : null}
      {!d.supporting && !d.supportDenied ? (
        <Form method="post">
          <button type="submit" name="intent" value="support">
            {t('proposals.support')}
          </button>
        </Form>
      ) : null}
      {d.canWithdraw ? (
        <Form method="post">
          <button type="submit" name="intent" value="withdraw" className="secondary">
            {t('proposals.withdraw')}
          </button>
        </Form>
      ) : null}
      {!d.supporting && d.supportDenied && p.status === 'published' ? (
        <div data-testid="support-denied">
          <p className="visually-hidden">{t('proposals.support_why_not')}</p>
          <Denial reason={d.supportDenied} headingLevel={2} />
        </div>
      ) : null}
      {d.canFollow ? (
        <Form method="post">
          {d.following ? <p>{t('engagement.following')}</p> : null}
          <button type="submit" name="intent" value={d.following ? 'unfollow' : 'follow'} className="secondary">
            {t(d.following ? 'engagement.unfollow' : 'engagement.follow')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

function Answer() {
  const t = useT()
  const locale = useLocale()
  const p = useLoaderData<typeof loader>().proposal
  return (
    <section aria-labelledby="answer-heading" className="notice" data-testid="answer">
      <h2 id="answer-heading">{t('proposals.answer_heading')}</h2>
      <p>
        <strong>{p.answerKind ? t(p.answerKind) : null}</strong> —{' '}
        {p.answeredAt ? t('proposals.answered_on', { date: formatDate(p.answeredAt, locale) }) : null}
      </p>
      <p style={{ whiteSpace: 'pre-line' }}>{p.answerReasons}</p>
      {isHttpUrl(p.answerLink) ? (
        <p>
          <a href={p.answerLink} rel="noopener nofollow">
            {t('proposals.followup')}
          </a>
        </p>
      ) : null}
    </section>
  )
}

function AuthorTools() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  const retireForm = useStemForm(retireSchema)
  return (
    <section aria-labelledby="author-heading">
      <h2 id="author-heading">{t('proposals.edit')}</h2>
      {d.canPublish ? (
        <Form method="post">
          <button type="submit" name="intent" value="publish">
            {t('proposals.publish')}
          </button>
        </Form>
      ) : null}
      {d.canEdit ? (
        <p>
          <Link to={`/initiatieven/${d.proposal.id}/bewerken`}>{t('proposals.edit')}</Link>
        </p>
      ) : null}
      {d.canRetire ? (
        <details>
          <summary>{t('proposals.retire')}</summary>
          <StemFormElement form={retireForm}>
            <FormError form={retireForm} />
            <TextAreaField
              form={retireForm}
              name="reason"
              label="proposals.fields.reason"
              maxLength={LIMITS.retireReason}
              rows={3}
              required
            />
            <SubmitButton form={retireForm} label="proposals.retire" name="intent" value="retire" />
          </StemFormElement>
        </details>
      ) : null}
    </section>
  )
}

function Comments() {
  const t = useT()
  const d = useLoaderData<typeof loader>()
  const commentForm = useStemForm(commentSchema)
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t('proposals.comments', { count: d.commentCount })}</h2>
      <p>
        {d.sort === 'newest' ? (
          <strong>{t('proposals.comments_sort_newest')}</strong>
        ) : (
          <Link to="?">{t('proposals.comments_sort_newest')}</Link>
        )}{' '}
        ·{' '}
        {d.sort === 'best' ? (
          <strong>{t('proposals.comments_sort_best')}</strong>
        ) : (
          <Link to="?reacties=best">{t('proposals.comments_sort_best')}</Link>
        )}
      </p>
      {d.canComment ? (
        <StemFormElement form={commentForm}>
          <FormError form={commentForm} />
          <TextAreaField form={commentForm} name="body" label="proposals.fields.comment" maxLength={LIMITS.comment} rows={4} required />
          <SubmitButton form={commentForm} label="proposals.comment_submit" name="intent" value="comment" />
        </StemFormElement>
      ) : !d.actorId ? (
        <p>
          <Link to={`/inloggen?redirectTo=/initiatieven/${d.proposal.id}`}>{t('proposals.comment_login')}</Link>
        </p>
      ) : null}
      {d.comments.length === 0 ? (
        <p>{t('proposals.comments_none')}</p>
      ) : (
        <ul className="comments">
          {d.comments.map((c) => (
            <Comment key={c.id} c={c} canComment={d.canComment} actorId={d.actorId} now={d.now} />
          ))}
        </ul>
      )}
    </section>
  )
}

export default function ProposalPage() {
  const t = useT()
  const locale = useLocale()
  const d = useLoaderData<typeof loader>()
  const p = d.proposal
  const overdue = p.status === 'in_progress' && p.answerDeadline && Date.parse(p.answerDeadline) < d.now
  return (
    <article>
      <h1>{p.title}</h1>
      <p>
        <StatusBadge status={p.status} /> <span className="badge">{t(`proposals.theme.${p.theme}` as never)}</span>{' '}
        {p.wijkName ?? t('proposals.fields.city_wide')} · {t('proposals.by', { name: p.authorName ?? '—' })}
      </p>
      {p.threshold && p.windowEndsAt ? (
        <p className="notice" data-testid="declaration-sentence">
          <strong>{t('proposals.declaration', { n: p.threshold, date: formatDate(p.windowEndsAt, locale), weeks: 8 })}</strong>
        </p>
      ) : null}
      <SupportProgress count={p.supportCount} threshold={p.threshold} />
      {p.status === 'published' && p.windowEndsAt ? (
        <p>{t('proposals.window_ends', { date: formatDate(p.windowEndsAt, locale) })}</p>
      ) : null}
      {p.status === 'in_progress' && p.answerDeadline ? (
        <p className={overdue ? 'error' : undefined}>
          {t(overdue ? 'proposals.answer_overdue' : 'proposals.answer_by', { date: formatDate(p.answerDeadline, locale) })}
        </p>
      ) : null}

      <SupportBox />

      {p.status === 'answered' ? <Answer /> : null}
      {p.status === 'retired' ? (
        <section className="notice">
          <h2>{t('proposals.retired_heading')}</h2>
          <p>{p.retiredReason}</p>
        </section>
      ) : null}
      {p.status === 'archived' ? <p className="notice">{t('proposals.archived_text')}</p> : null}

      {p.hiddenReason ? (
        <p className="hidden-content">{t('proposals.comment_hidden', { reason: p.hiddenReason })}</p>
      ) : (
        <>
          <p className="lead">{p.summary}</p>
          {p.hasImage ? <img src={`/initiatieven/${p.id}/afbeelding`} alt="" className="proposal-image" /> : null}
          {p.locationLabel ? <p>{t('proposals.location', { label: p.locationLabel })}</p> : null}
          {/* Rendered from Markdown and sanitised on the server when saved (sanitize-html). */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: p.bodyHtml ?? '' }} />
          {d.documents.length ? (
            <section aria-labelledby="documents-heading">
              <h2 id="documents-heading">{t('proposals.documents')}</h2>
              <ul data-testid="documents">
                {d.documents.map((doc) => (
                  <li key={doc.id}>
                    <a href={doc.url}>{doc.title}</a> ({t('proposals.document_size', { size: formatFileSize(doc.size, locale) })})
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
      {d.declaration?.current ? <WeighingDeclaration declaration={d.declaration.current} history={d.declaration.history} /> : null}
      <ServedPromises promises={d.servedPromises} />

      {d.canPublish || d.canEdit || d.canRetire ? <AuthorTools /> : null}

      <Comments />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'proposals.title')
