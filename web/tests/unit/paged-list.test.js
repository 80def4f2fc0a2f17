import { describe, expect, it, vi } from 'vitest'
import { usePagedList } from '@/composables/usePagedList'

function deferred() {
  let resolve
  const promise = new Promise((r) => (resolve = r))
  return { promise, resolve }
}

describe('usePagedList', () => {
  it('passes filters, page and page_size and keeps items and total', async () => {
    const fetchPage = vi.fn(async () => ({ items: [{ id: 1 }], total: 41 }))
    const list = usePagedList(fetchPage, { q: '县' })
    list.page.value = 3
    await list.load()
    expect(fetchPage).toHaveBeenCalledWith({ q: '县', page: 3, page_size: 20 })
    expect(list.items.value).toEqual([{ id: 1 }])
    expect(list.total.value).toBe(41)
    expect(list.loading.value).toBe(false)
  })

  it('search goes back to page 1; reset restores the first filters', async () => {
    const fetchPage = vi.fn(async () => ({ items: [], total: 0 }))
    const list = usePagedList(fetchPage, { q: '', unit_id: 5 })
    list.page.value = 4
    list.filters.q = '李'
    await list.search()
    expect(fetchPage).toHaveBeenLastCalledWith({ q: '李', unit_id: 5, page: 1, page_size: 20 })
    list.filters.unit_id = 9
    list.filters.extra = 'x'
    await list.reset()
    expect(fetchPage).toHaveBeenLastCalledWith({ q: '', unit_id: 5, page: 1, page_size: 20 })
  })

  it('drops an answer that arrives after a newer request', async () => {
    const slow = deferred()
    const fast = deferred()
    const fetchPage = vi.fn().mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const list = usePagedList(fetchPage)
    const first = list.load()
    const second = list.load()
    fast.resolve({ items: [{ id: 'new' }], total: 1 })
    await second
    slow.resolve({ items: [{ id: 'old' }], total: 99 })
    await first
    expect(list.items.value).toEqual([{ id: 'new' }])
    expect(list.total.value).toBe(1)
    expect(list.loading.value).toBe(false)
  })

  it('shows an empty page when the request fails', async () => {
    const failing = usePagedList(vi.fn(async () => Promise.reject(new Error('403'))))
    await failing.load()
    expect(failing.items.value).toEqual([])
    expect(failing.total.value).toBe(0)
    expect(failing.loading.value).toBe(false)
  })
})

describe('usePagedList response', () => {
  it('keeps the whole answer (e.g. counts) and clears it on failure', async () => {
    const answer = { items: [{ id: 1 }], total: 1, counts: { status: { draft: 1 } } }
    const fetchPage = vi.fn().mockResolvedValueOnce(answer).mockRejectedValueOnce(new Error('x'))
    const list = usePagedList(fetchPage)
    await list.load()
    expect(list.response.value.counts).toEqual({ status: { draft: 1 } })
    await list.load()
    expect(list.response.value).toBeNull()
  })
})
