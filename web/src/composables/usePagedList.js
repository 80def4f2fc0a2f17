// State for a paged table: filters + page + page_size, the current page's rows and the total.
// `fetchPage(params)` must return the API's {items, total}; the whole answer is kept in
// `response` (e.g. the items list's `counts`). Stale answers (a slower earlier request
// finishing after a later one) are dropped.
import { reactive, ref } from 'vue'

export const DEFAULT_PAGE_SIZE = 20

export function usePagedList(fetchPage, initialFilters = {}, { pageSize = DEFAULT_PAGE_SIZE } = {}) {
  const filters = reactive({ ...initialFilters })
  const page = ref(1)
  const size = ref(pageSize)
  const items = ref([])
  const total = ref(0)
  const response = ref(null)
  const loading = ref(false)
  let ticket = 0

  async function load() {
    const mine = ++ticket
    loading.value = true
    try {
      const res = await fetchPage({ ...filters, page: page.value, page_size: size.value })
      if (mine !== ticket) return
      items.value = res?.items ?? []
      total.value = res?.total ?? 0
      response.value = res ?? null
    } catch {
      if (mine !== ticket) return
      items.value = []
      total.value = 0
      response.value = null
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  // Back to page 1 with the current filters.
  function search() {
    page.value = 1
    return load()
  }

  function reset() {
    for (const key of Object.keys(filters)) delete filters[key]
    Object.assign(filters, initialFilters)
    return search()
  }

  return { filters, page, size, items, total, response, loading, load, search, reset }
}
