// The campaigns in scope (for pickers) and the categories of one of them.
import { ref } from 'vue'
import { listCampaigns } from '@/api/campaigns'
import { categoryTree } from '@/utils/items'

export function useCampaigns() {
  const campaigns = ref([])
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const res = await listCampaigns({ page: 1, page_size: 200 }, { notify: false })
      campaigns.value = Array.isArray(res) ? res : res?.items || []
    } catch {
      campaigns.value = []
    } finally {
      loading.value = false
    }
  }

  const categoriesOf = (id) => campaigns.value.find((c) => c.id === id)?.categories || []
  const categoryTreeOf = (id) => categoryTree(categoriesOf(id))

  return { campaigns, loading, load, categoriesOf, categoryTreeOf }
}
