import { getDatabase } from '~db/runtime'

export async function databaseReachable(): Promise<boolean> {
  try {
    await getDatabase().raw('select 1')
    return true
  } catch {
    return false
  }
}
