// Router with the sign-in guard: every route but /login needs a session; after a reload the
// session is restored from GET /api/v1/me before the first page shows.
import { createRouter, createWebHistory } from 'vue-router'
import { routes } from './routes'
import { useSessionStore } from '@/stores/session'
import { t } from '@/locales'
import { routeAllowed } from './access'

export { metaAllowed, routeAllowed } from './access'

// Only same-app paths may be a redirect target (no "//evil.example" or absolute URLs).
export function safeRedirect(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) {
    return '/dashboard'
  }
  if (value.startsWith('/login')) return '/dashboard'
  return value
}

export function installGuards(router) {
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (!session.checked) {
      try {
        await session.restore()
      } catch {
        // Server unreachable: treat as signed out; the login page will show the error.
      }
    }
    if (to.meta.public) {
      if (to.name === 'login' && session.isAuthenticated) return safeRedirect(to.query.redirect)
      return true
    }
    if (!session.isAuthenticated) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (!routeAllowed(to, session)) return { name: 'forbidden' }
    return true
  })

  router.afterEach((to) => {
    const title = to.meta?.title
    if (globalThis.document) {
      document.title = title && !to.meta.public ? `${t(title)} - ${t('app.title')}` : t('app.title')
    }
  })
}

export function createAppRouter(history = createWebHistory()) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
  installGuards(router)
  return router
}
