// ECharts options for the 工作台 charts, built from GET /dashboard's by_unit rows, and the
// monthly trend (GET /dashboard's `monthly` when the server sends it, else one bulletin a month).
import { t } from '@/locales'
import { ITEM_STATUSES, WARNINGS, WARNING_COLORS, statusLabel, warningLabel } from './items'

const STATUS_COLORS = {
  draft: '#909399',
  assigned: '#79bbff',
  in_progress: '#409EFF',
  pending_review: '#E6A23C',
  closed: '#67C23A',
  cancelled: '#C0C4CC',
}

const count = (obj, key) => Number(obj?.[key]) || 0

function stackedBar(rows, keys, group, labelOf, colors) {
  const units = rows.map((r) => r.unit_name)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll', itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: units,
      axisLabel: { interval: 0, rotate: units.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((key) => ({
      name: labelOf(key),
      type: 'bar',
      stack: group,
      barMaxWidth: 36,
      itemStyle: { color: colors[key] },
      emphasis: { focus: 'series' },
      data: rows.map((r) => count(r[group], key)),
    })),
  }
}

export function statusByUnitOption(byUnit) {
  return stackedBar(byUnit || [], ITEM_STATUSES, 'status', statusLabel, STATUS_COLORS)
}

export function warningByUnitOption(byUnit) {
  return stackedBar(byUnit || [], WARNINGS, 'warning', warningLabel, WARNING_COLORS)
}

// Warning counts summed over the units.
export function warningTotals(byUnit) {
  const totals = Object.fromEntries(WARNINGS.map((w) => [w, 0]))
  for (const row of byUnit || []) for (const w of WARNINGS) totals[w] += count(row.warning, w)
  return totals
}

export function warningPieOption(byUnit) {
  const totals = warningTotals(byUnit)
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10 },
    series: [
      {
        name: t('dashboard.warningPie'),
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['50%', '44%'],
        label: { position: 'inside', formatter: (p) => (p.value ? String(p.value) : ''), color: '#fff', fontWeight: 600 },
        data: WARNINGS.map((w) => ({ name: warningLabel(w), value: totals[w], itemStyle: { color: WARNING_COLORS[w] } })),
      },
    ],
  }
}

// "87.28%" | 87.28 | null → 87.28 | null.
export function rateNumber(value) {
  if (value === null || value === undefined || value === '') return null
  const x = typeof value === 'number' ? value : Number.parseFloat(String(value).replace('%', ''))
  return Number.isFinite(x) ? x : null
}

// The trend rows [{month, new, closed, closure_rate}] for `months` ("YYYY-MM", oldest first).
// `monthly`: GET /dashboard's monthly rows when the server sends them; else `bulletins`, one
// GET /bulletins?period=YYYY-MM answer (or null when it failed) per month: new = found in the
// month, closed = closed in the month, closure rate = closed / total at the month's end.
export function monthlyTrendRows(months, { monthly, bulletins } = {}) {
  if (Array.isArray(monthly) && monthly.length) {
    const byMonth = new Map(monthly.map((m) => [m.month, m]))
    return months.map((month) => {
      const m = byMonth.get(month)
      return {
        month,
        new: m ? count(m, 'new') : null,
        closed: m ? count(m, 'closed') : null,
        closure_rate: m ? rateNumber(m.closure_rate) : null,
      }
    })
  }
  return months.map((month, i) => {
    const totals = bulletins?.[i]?.totals
    return {
      month,
      new: totals ? count(totals, 'new') : null,
      closed: totals ? count(totals, 'closed_in_period') : null,
      closure_rate: totals ? rateNumber(totals.closure_rate) : null,
    }
  })
}

// Lines of new and closed items per month (left axis) and the closure rate (right axis, %).
export function trendOption(rows) {
  const list = rows || []
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: list.map((r) => r.month) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: t('dashboard.trendNew'), type: 'line', smooth: true, itemStyle: { color: '#409EFF' }, data: list.map((r) => r.new) },
      { name: t('dashboard.trendClosed'), type: 'line', smooth: true, itemStyle: { color: '#67C23A' }, data: list.map((r) => r.closed) },
      {
        name: t('dashboard.trendClosureRate'),
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#E6A23C' },
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
        data: list.map((r) => r.closure_rate),
      },
    ],
  }
}
