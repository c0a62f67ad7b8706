import { Link } from '@remix-run/react'
import { isMessageKey, useT, type MessageKey } from '~/utils/i18n'

/** Browser-safe: how the dossier names what a helper entered, and where the item is. */
export function actionLabel(action: string): MessageKey | null {
  const key = `assisted.action.${action}`
  return isMessageKey(key) ? key : null
}

const ITEM_PATHS: Record<string, (id: string) => string> = {
  consultation: (id) => `/inspraak/${id}`,
  budget: (id) => `/begrotingen/${id}`,
  proposal: (id) => `/initiatieven/${id}`,
  alert_place: () => '/mijn/plekken',
  plan_notice: (id) => `/bekendmakingen/${id}`,
}

export function itemPath(itemKind: string, itemId: string): string | null {
  // A page a helper viewed while acting: the path itself (recorded by the server, never typed).
  if (itemKind === 'page') return /^\/[\w\-./]{0,199}$/.test(itemId) ? itemId : null
  const path = ITEM_PATHS[itemKind]
  return path && /^[\w-]{1,40}$/.test(itemId) ? path(itemId) : null
}

/** What was entered, in words, with a link to the item where there is one. */
export function ActionText({ action, item }: { action: string; item: string | null }) {
  const t = useT()
  const label = actionLabel(action)
  return (
    <>
      {label ? t(label) : action}
      {item ? (
        <>
          {' '}
          (<Link to={item}>{t('assisted.open_item')}</Link>)
        </>
      ) : null}
    </>
  )
}
