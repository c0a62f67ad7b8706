import type { ServerBuild } from '@remix-run/node'

/**
 * A server build of real route modules without the compiler, for tests of the HTTP application
 * (app/utils/http-app.server.ts): the document is the status and the route's data as JSON instead of React.
 */
export function testBuild(routes: Record<string, { path: string; module: Record<string, unknown> }>): ServerBuild {
  const manifest: ServerBuild['routes'] = {
    root: { id: 'root', path: '', module: { default: () => null } as never },
  }
  for (const [id, r] of Object.entries(routes)) {
    manifest[id] = { id, parentId: 'root', path: r.path, module: r.module as never }
  }
  return {
    mode: 'production',
    entry: {
      module: {
        default: (_request, status, headers, context) => {
          headers.set('Content-Type', 'application/json; charset=utf-8')
          const { actionData, loaderData } = context.staticHandlerContext
          return new Response(JSON.stringify({ status, actionData, loaderData }), { status, headers })
        },
      },
    },
    routes: manifest,
    assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'test' } as never,
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: {} as never,
    isSpaMode: false,
  }
}
