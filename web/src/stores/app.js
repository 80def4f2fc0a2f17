// UI chrome state: whether the side menu is collapsed (remembered across reloads).
import { defineStore } from 'pinia'

const KEY = 'duban.sidebarCollapsed'

function load() {
  try {
    return globalThis.localStorage?.getItem(KEY) === '1'
  } catch {
    return false
  }
}

export const useAppStore = defineStore('app', {
  state: () => ({ sidebarCollapsed: load() }),
  actions: {
    toggleSidebar() {
      this.sidebarCollapsed = !this.sidebarCollapsed
      try {
        globalThis.localStorage?.setItem(KEY, this.sidebarCollapsed ? '1' : '0')
      } catch {
        // Storage unavailable: the choice lasts for this page only.
      }
    },
  },
})
