import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import elementPlus from '@/plugins/element'
import { i18n, setLocale } from '@/locales'
import { metricOptions, normalizeIndicator } from '@/utils/assessment'
import IndicatorDialog from '@/views/assessment/IndicatorDialog.vue'

let pinia

beforeEach(() => {
  setLocale('zh-CN')
  pinia = createPinia()
  setActivePinia(pinia)
})

afterEach(() => {
  document.body.innerHTML = ''
})

const linear = (key, max) => normalizeIndicator({ key, name: key, formula: 'linear', max_points: max, metric: 'closure_rate', zero_at: 60, full_at: 100 })
const quality = {
  ...normalizeIndicator({ key: 'quality', name: '办理质效', formula: 'sum', max_points: 30 }),
  children: [linear('closure', 20), linear('on_time', 10)],
}

async function open(props) {
  const wrapper = mount(IndicatorDialog, {
    props: { modelValue: false, metrics: metricOptions(), ...props },
    global: { plugins: [pinia, i18n, elementPlus] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

const $ = (s) => document.body.querySelector(`[data-test="${s}"]`)

async function type(testId, value) {
  const input = document.body.querySelector(`[data-test="${testId}"] input`) || $(testId)
  input.value = String(value)
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('change'))
  input.dispatchEvent(new Event('blur'))
  await flushPromises()
}

describe('IndicatorDialog', () => {
  it('shows a sum’s children total against its max points, live', async () => {
    const wrapper = await open({ indicator: quality, otherKeys: ['closure', 'on_time'] })
    expect($('indicator-sum-check').textContent).toContain('子指标满分合计 30 分，本指标满分 30 分')
    expect($('indicator-sum-check').textContent).toContain('✓')
    await type('indicator-max', 35)
    expect($('indicator-sum-check').textContent).toContain('本指标满分 35 分，相差 5 分')
    expect($('indicator-sum-check').className).toContain('sum-bad')
    // the metric fields of a linear indicator are not shown for a sum
    expect($('indicator-metric')).toBeNull()
    wrapper.unmount()
  })

  it('holds back an indicator with problems and names them', async () => {
    const wrapper = await open({ indicator: null, suggestedKey: 'closure', otherKeys: ['closure'] })
    expect($('indicator-key').value).toBe('closure')
    $('indicator-dialog-submit').click()
    await flushPromises()
    const text = $('indicator-errors').textContent
    expect(text).toContain('标识“closure”已被使用')
    expect(text).toContain('请填写指标名称')
    expect(text).toContain('请选择指标数据')
    expect(wrapper.emitted('save')).toBeUndefined()
    wrapper.unmount()
  })

  it('emits the normalised indicator when it is valid, keeping a sum’s children out of it', async () => {
    const wrapper = await open({ indicator: quality, otherKeys: ['closure', 'on_time'] })
    await type('indicator-name', ' 办理质效（调整） ')
    $('indicator-dialog-submit').click()
    await flushPromises()
    const [saved] = wrapper.emitted('save')[0]
    expect(saved).toMatchObject({ key: 'quality', name: '办理质效（调整）', formula: 'sum', max_points: 30 })
    expect(saved.children.map((c) => c.key)).toEqual(['closure', 'on_time'])
    expect(wrapper.emitted('update:modelValue').at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('asks for evaluator groups with their shares for a manual indicator', async () => {
    const manual = normalizeIndicator({
      key: 'review', name: '群众评议', formula: 'manual_weighted', max_points: 20,
      evaluator_groups: [{ name: '督查打分', weight: 1 }, { name: '服务对象测评', weight: 3 }],
    })
    const wrapper = await open({ indicator: manual })
    const groups = $('indicator-groups')
    expect(groups.querySelectorAll('[data-test="indicator-group-weight"]')).toHaveLength(2)
    expect(groups.textContent).toContain('25%')
    expect(groups.textContent).toContain('75%')
    expect($('indicator-metric')).toBeNull()
    wrapper.unmount()
  })
})
