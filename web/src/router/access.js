// Which routes a signed-in user may open: a route's `meta.permission` (a capability name, or an
// array of which any will do) must be one the server granted (session `can`); routes without
// one are open to every signed-in user. Shared by the router's guard and the side menu.
export function metaAllowed(meta, session) {
  return !meta?.permission || session.can(meta.permission)
}

export function routeAllowed(route, session) {
  return route.matched.every((r) => metaAllowed(r.meta, session))
}
