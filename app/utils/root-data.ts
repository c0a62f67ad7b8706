import { useRouteLoaderData } from '@remix-run/react'
import type { RootData } from '~/root'

export function useRootData() {
  return useRouteLoaderData<RootData>('root')
}
