// Client-side checks that mirror the server's (src/core/org.cc), so a form says what is wrong
// before it is sent; the server checks again and its answer is what counts.
export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 128
// 3–32 characters: lower-case letters, digits, _ . -
export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,32}$/
// Letters, digits and - _ . , at most 64 characters.
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_.-]{0,64}$/
// Digits, spaces and + - ( ), at most 32 characters (e.g. "0477-1234567", "+86 138 0000 0001").
export const PHONE_PATTERN = /^[0-9+\-() ]{0,32}$/

// True when the password mixes at least two of: letters, digits, other characters.
export function passwordHasTwoKinds(password) {
  const s = String(password ?? '')
  const kinds = [/[A-Za-z]/.test(s), /[0-9]/.test(s), /[^A-Za-z0-9]/.test(s)]
  return kinds.filter(Boolean).length >= 2
}

// Element Plus form rules for a new password (length and mix), messages from `t`.
export function newPasswordRules(t) {
  return [
    {
      min: MIN_PASSWORD_LENGTH,
      max: MAX_PASSWORD_LENGTH,
      message: () => t('password.minLength', { n: MIN_PASSWORD_LENGTH }),
      trigger: 'blur',
    },
    {
      validator: (_rule, value, cb) =>
        value && !passwordHasTwoKinds(value) ? cb(new Error(t('password.twoKinds'))) : cb(),
      trigger: 'blur',
    },
  ]
}
