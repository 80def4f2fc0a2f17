// Sign-in, sign-out and the caller's own account (SPEC §9).
import { get, post, put, del } from './request'

// 401 here means wrong credentials and 429 throttling: the login page shows the message itself.
export const login = (username, password) =>
  post('/api/v1/session', { username, password }, { authRedirect: false, notify: false })

export const logout = () => del('/api/v1/session', { authRedirect: false, notify: false })

// → {account, csrf_token}; a 401 just means "not signed in".
export const fetchMe = () => get('/api/v1/me', undefined, { authRedirect: false, notify: false })

// A wrong old password must not sign the user out, whatever status the server picks for it.
export const changePassword = (oldPassword, newPassword) =>
  put(
    '/api/v1/me/password',
    { old_password: oldPassword, new_password: newPassword },
    { authRedirect: false },
  )
