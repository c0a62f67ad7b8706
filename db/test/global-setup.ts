import type { TestProject } from 'vitest/node'
import { createPgliteTemplate, createPostgresTemplate, dropPostgresTemplate } from './template'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'pglite'; templateFile: string } | { kind: 'postgres'; url: string }
  }
}

/** STEM_TEST_DB=postgres runs the suite on the server in DATABASE_URL; otherwise on embedded PGlite. */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (process.env.STEM_TEST_DB === 'postgres') {
    if (!url) throw new Error('STEM_TEST_DB=postgres needs DATABASE_URL')
    await createPostgresTemplate(url)
    project.provide('testDatabase', { kind: 'postgres', url })
    return () => dropPostgresTemplate(url)
  }
  project.provide('testDatabase', { kind: 'pglite', templateFile: await createPgliteTemplate() })
}
