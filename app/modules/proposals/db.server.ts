import { getDatabase } from '~db/runtime'

/** The database for route modules (route files must not import db/ directly: it would reach the browser bundle). */
export const proposalDb = () => getDatabase().db
