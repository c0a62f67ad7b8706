import { lazy, Suspense, type ComponentType } from 'react'

/*
 * The maps, loaded only when one is shown. Leaflet is ≈ 45 kB of compressed JavaScript: a list page that
 * shows no map (the proposals list without ?weergave=kaart, a consultation without map questions) must
 * not make a cheap phone download it. Use these inside <ClientOnly>, with the list or form that works
 * without the map next to it; while the map's code arrives, nothing is shown in its place.
 */
function lazyMap<P extends object>(load: () => Promise<{ default: (props: P) => JSX.Element | null }>) {
  // React's lazy types cannot follow a generic component's props; the cast is to the same P.
  const Lazy = lazy(load as () => Promise<{ default: ComponentType<object> }>)
  return function Map(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    )
  }
}

export const AreaMap = lazyMap(() => import('./area-map.client'))
export const DrawArea = lazyMap(() => import('./draw-area.client'))
export const MarkerMap = lazyMap(() => import('./marker-map.client'))
export const PointMap = lazyMap(() => import('./point-map.client'))
