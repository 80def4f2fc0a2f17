// Wiring only: plugins, the request hooks (errors → ElMessage, 401 → /login), mount.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/index.css'

import App from './App.vue'
import { i18n, currentLocale, t } from './locales'
import { createAppRouter } from './router'
import { configureRequest } from './api/request'
import elementPlus from './plugins/element'

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()

app.use(pinia)
app.use(i18n)
app.use(router)
app.use(elementPlus)

configureRequest({
  onError(err) {
    ElMessage({ type: 'error', message: err.message, grouping: true, showClose: true })
  },
  onUnauthorized() {
    const current = router.currentRoute.value
    if (current.meta?.public) return
    ElMessage({ type: 'warning', message: t('errors.sessionExpired'), grouping: true })
    const query = current.fullPath && current.fullPath !== '/' ? { redirect: current.fullPath } : {}
    router.replace({ name: 'login', query })
  },
})

document.documentElement.lang = currentLocale()
router.isReady().then(() => app.mount('#app'))
