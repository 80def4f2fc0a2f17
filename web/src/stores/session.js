// Who is signed in: the account and the CSRF token the server issued with the session.
// The session cookie itself is HttpOnly and never seen here; after a reload the store is
// refilled from GET /api/v1/me (`restore`). What the user may do comes from the server too:
// sign-in and /me send `permissions`, the names of the capabilities the account's roles hold
// (the table in src/core/permission.cc); pages ask `can(name)` and never list roles themselves.
import { defineStore } from 'pinia'
import * as sessionApi from '@/api/session'

export const useSessionStore = defineStore('session', {
  state: () => ({
    account: null,
    csrfToken: '',
    permissions: [],
    // True once the server has been asked (or told us) whether we are signed in.
    checked: false,
  }),
  getters: {
    isAuthenticated: (state) => state.account !== null,
    roles: (state) => state.account?.roles ?? [],
    isAdmin: (state) => Boolean(state.account?.roles?.includes('admin')),
    // `can('item.create')`: whether the server granted the capability. An array asks for any
    // of its names (a menu section shown when one of its pages is).
    can: (state) => (name) =>
      (Array.isArray(name) ? name : [name]).some((n) => state.permissions.includes(n)),
    displayName: (state) => state.account?.person_name || state.account?.username || '',
    unitId: (state) => state.account?.unit_id ?? null,
    unitName: (state) => state.account?.unit_name || '',
  },
  actions: {
    hasRole(...roles) {
      return roles.some((r) => this.roles.includes(r))
    },
    setSession({ account, csrf_token: csrfToken, permissions }) {
      this.account = account ?? null
      this.csrfToken = csrfToken ?? ''
      this.permissions = Array.isArray(permissions) ? [...permissions] : []
      this.checked = true
    },
    clear() {
      this.account = null
      this.csrfToken = ''
      this.permissions = []
      this.checked = true
    },
    async login(username, password) {
      const data = await sessionApi.login(username, password)
      this.setSession(data)
      return this.account
    },
    // Refills the store after a reload. Returns the account, or null when not signed in;
    // other failures (server down) are thrown and leave `checked` false so the next
    // navigation asks again.
    async restore() {
      try {
        const data = await sessionApi.fetchMe()
        this.setSession(data)
        return this.account
      } catch (err) {
        if (err.status === 401) {
          this.clear()
          return null
        }
        throw err
      }
    },
    // Signs out locally whatever the server answers: a user who asked to leave must not be
    // kept in by a failed or expired session.
    async logout() {
      try {
        await sessionApi.logout()
      } catch {
        // Nothing to do: the cookie is already invalid or the server will expire it.
      }
      this.clear()
    },
  },
})
