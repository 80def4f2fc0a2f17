// The assessment schemes the caller may see (latest version of each), for pickers.
import { ref } from 'vue'
import { listSchemes } from '@/api/assessment'

export function useSchemes() {
  const schemes = ref([])
  const loading = ref(false)
  const loaded = ref(false)

  async function load() {
    loading.value = true
    try {
      const res = await listSchemes({ notify: false })
      schemes.value = Array.isArray(res) ? res : res?.items || []
    } catch {
      schemes.value = []
    } finally {
      loading.value = false
      loaded.value = true
    }
  }

  const byKey = (key) => schemes.value.find((s) => s.key === key) || null

  return { schemes, loading, loaded, load, byKey }
}
