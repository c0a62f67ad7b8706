import { marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * Markdown → safe HTML. Raw HTML in the text is not trusted: sanitize-html keeps only text formatting
 * and links (http, https, mailto), and drops scripts, event handlers, styles and iframes with their content.
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre', 'hr'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    disallowedTagsMode: 'discard',
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener ugc' }),
      h1: 'h2',
    },
  })
}
