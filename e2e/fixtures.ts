import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

// Pages of tests that run with JavaScript switched off (axe itself needs JavaScript), with the HTML of
// the document each one shows now, as the server sent it.
const withoutScripts = new WeakSet<Page>()
const lastDocument = new WeakMap<Page, Promise<string>>()

/** WCAG 2.1 A and AA rules, checked on every page a journey visits. */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState('load')
  if (withoutScripts.has(page)) return checkCopy(page)
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  )
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}

/** Go to a page and check it. */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path)
  await expectAccessible(page)
  return response
}

/** The newest message in the development mailbox sent to `to` (or any letter when `to` is 'letter'). */
export async function openLatestMail(page: Page, match: RegExp) {
  await visit(page, '/dev/mail')
  await page.getByRole('link', { name: match }).first().click()
  await expectAccessible(page)
  return (await page.getByTestId('message-body').textContent()) ?? ''
}

export interface SmtpMail {
  to: string
  data: string
  /** A header's value, unfolded (long headers continue on the next line). */
  header: (name: string) => string
}

/** What the real SMTP server of the end-to-end server received (scripts/e2e-server.ts), oldest first. */
export async function receivedMail(page: Page): Promise<SmtpMail[]> {
  const port = Number(process.env.E2E_PORT ?? 3210) + 1
  const response = await page.request.get(`http://127.0.0.1:${port}/messages`)
  const messages = (await response.json()) as { to: string; data: string }[]
  return messages.map((m) => {
    const head = m.data.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ')
    return { ...m, header: (name) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '' }
  })
}

export const DEMO_PASSWORD = 'stem-demo-2026'

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, '/inloggen')
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
  // Wait for the outcome: the welcome message, or a message at the form.
  await expect(page.getByRole('status').or(page.locator('.error, [role=alert]')).first()).toBeVisible()
}

/** The exact HTML the script-less page shows, checked in a scripted page at the same address. */
async function checkCopy(page: Page) {
  const html = await lastDocument.get(page)
  expect(html, `the HTML of ${page.url()} as the server sent it`).toBeTruthy()
  const url = page.url()
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true })
  try {
    const copy = await context.newPage()
    await copy.route(url, (route) => route.fulfill({ body: html!, contentType: 'text/html; charset=utf-8' }))
    // Keep the copy from hydrating: it must stay the server's HTML.
    await copy.route(/\/build\/.*\.js$/, (route) => route.fulfill({ body: '', contentType: 'text/javascript' }))
    await copy.goto(url)
    withoutScripts.delete(copy)
    await expectAccessible(copy)
  } finally {
    await context.close()
  }
}

/** What every page must carry (decision 0012); the problems with one answer's headers. */
export function securityHeaderProblems(headers: Record<string, string>): string[] {
  const problems: string[] = []
  const csp = headers['content-security-policy'] ?? ''
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.split(' ')[0] === name) ?? ''
  if (!/'nonce-[A-Za-z0-9+/=]{16,}'/.test(directive('script-src')))
    problems.push(`script-src without a nonce: "${directive('script-src')}"`)
  if (/'unsafe-inline'|'unsafe-eval'/.test(directive('script-src'))) problems.push('script-src allows inline scripts or eval')
  if (directive('frame-ancestors') !== "frame-ancestors 'none'") problems.push('frame-ancestors is not none')
  if (directive('object-src') !== "object-src 'none'") problems.push('object-src is not none')
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff')
  if (!headers['referrer-policy']) problems.push('no Referrer-Policy')
  if (!/camera=\(\)/.test(headers['permissions-policy'] ?? '')) problems.push('no Permissions-Policy')
  return problems
}

export const test = base.extend<{ noteScripts: void; securityHeaders: void }>({
  // Every page a journey visits carries the security headers, and the browser reports no policy violation
  // (an inline script without its nonce, an image from a host the policy does not name).
  securityHeaders: [
    async ({ page }, use) => {
      const problems: string[] = []
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'document' || response.frame() !== page.mainFrame()) return
        if (response.status() >= 300 && response.status() < 400) return
        for (const p of securityHeaderProblems(response.headers())) problems.push(`${response.url()}: ${p}`)
      })
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text()))
          problems.push(`${page.url()}: ${message.text().slice(0, 300)}`)
      })
      await use()
      expect(problems, 'security headers and policy violations').toEqual([])
    },
    { auto: true },
  ],

  noteScripts: [
    async ({ page, javaScriptEnabled }, use) => {
      if (!javaScriptEnabled) {
        withoutScripts.add(page)
        page.on('response', (response) => {
          if (
            response.request().resourceType() === 'document' &&
            response.frame() === page.mainFrame() &&
            !(response.status() >= 300 && response.status() < 400)
          ) {
            // The body may still be on its way when the test ends (a last navigation nobody checks):
            // then there is nothing to check, rather than an error after the test.
            const body = response.text().catch(() => '')
            lastDocument.set(page, body)
          }
        })
      }
      await use()
    },
    { auto: true },
  ],
})
export { expect }
