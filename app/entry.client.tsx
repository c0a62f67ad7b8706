import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { defaultLocale, isLocale, loadMessages } from '~/utils/i18n'

// The page's language first (Dutch is built in; English comes as its own file), then hydrate with it.
const lang = document.documentElement.lang
void loadMessages(isLocale(lang) ? lang : defaultLocale).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    )
  }),
)
