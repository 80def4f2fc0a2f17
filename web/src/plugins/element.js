// Element Plus with every icon registered globally, so templates can name icons as strings
// (`icon="Plus"`, `<component :is="entry.icon">`) the RuoYi way.
import ElementPlus from 'element-plus'
import * as icons from '@element-plus/icons-vue'

export default {
  install(app) {
    app.use(ElementPlus)
    for (const [name, component] of Object.entries(icons)) app.component(name, component)
  },
}
