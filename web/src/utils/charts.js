// ECharts options for the 工作台 charts, built from GET /dashboard's by_unit rows.
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
