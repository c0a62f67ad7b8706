import type { TestProject } from 'vitest/node'
import { createPgliteTemplate, createPostgresTemplate, dropPostgresTemplate } from './template'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'pglite'; templateFile: string } | { kind: 'postgres'; url: string; template: string }
  }
}

/** STEM_TEST_DB=postgres runs the suite on the server in DATABASE_URL; otherwise on embedded PGlite. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (process.env.STEM_TEST_DB === 'postgres') {
    if (!url) throw new Error('STEM_TEST_DB=postgres needs DATABASE_URL')
    // One template per run, so runs in parallel (other work trees, CI) never share one.
    const template = `stem_tpl_${process.pid}`
    await createPostgresTemplate(url, template)
    project.provide('testDatabase', { kind: 'postgres', url, template })
    return () => dropPostgresTemplate(url, template)
  }
  project.provide('testDatabase', { kind: 'pglite', templateFile: await createPgliteTemplate() })
}
