import { describe, expect, it } from 'vitest'
import {
  PHONE_PATTERN,
  UNIT_CODE_PATTERN,
  USERNAME_PATTERN,
  passwordHasTwoKinds,
} from '@/utils/validation'

// The same cases the server's checks (src/core/org.cc) accept or refuse.
describe('client checks mirror the server', () => {
  it.each([
    ['admin', true],
    ['zhang.san-01', true],
    ['ab', false],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['Admin', false],
    ['张三', false],
    ['a b', false],
  ])('username %s → %s', (value, ok) => {
    expect(USERNAME_PATTERN.test(value)).toBe(ok)
  })

  it.each([
    ['', true],
    ['13800000001', true],
    ['0477-1234567', true],
    ['+86 (138) 0000 0001', true],
    ['1'.repeat(33), false],
    ['138abc', false],
  ])('phone %s → %s', (value, ok) => {
    expect(PHONE_PATTERN.test(value)).toBe(ok)
  })

  it.each([
    ['', true],
    ['XWB-01_a.b', true],
    ['县委办', false],
    ['A B', false],
    ['A'.repeat(65), false],
  ])('unit code %s → %s', (value, ok) => {
    expect(UNIT_CODE_PATTERN.test(value)).toBe(ok)
  })

  it.each([
    ['abcdefgh', false],
    ['12345678', false],
    ['!!!!!!!!', false],
    ['abcd1234', true],
    ['abcd!!!!', true],
    ['1234-567', true],
    ['密码密码密码12', true],
  ])('password %s mixes two kinds → %s', (value, ok) => {
    expect(passwordHasTwoKinds(value)).toBe(ok)
  })
})
