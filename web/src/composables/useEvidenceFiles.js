// Evidence files chosen in a form before its assessment event exists (自报, 加扣分, 一票否决):
// checked on the page first (type by name, size, count) so a bad file stops the form before
// anything is stored; sent one by one once the event is; any the server still refuses are named
// (the event keeps the others, and a pending one takes more from 我的积分).
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { uploadEventFile } from '@/api/assessment'
import { evidenceProblem } from '@/utils/files'

export const MAX_EVENT_FILES = 10

export function useEvidenceFiles() {
  const { t } = useI18n()
  const files = ref([]) // el-upload's list: {name, size, raw}

  // What is wrong with the chosen files, or ''.
  function error() {
    if (files.value.length > MAX_EVENT_FILES) return t('assessment.errors.tooManyFiles', { n: MAX_EVENT_FILES })
    for (const f of files.value) {
      const problem = evidenceProblem(f)
      if (problem === 'tooLarge') return t('files.tooLarge', { name: f.name })
      if (problem === 'type') return t('assessment.errors.evidenceType', { name: f.name })
    }
    return ''
  }

  // Uploads the files to the stored event and tells the user: `done` when all went, else the
  // names refused and why.
  async function send(eventId, done) {
    const failed = []
    for (const f of files.value) {
      try {
        await uploadEventFile(eventId, f.raw, { notify: false })
      } catch (err) {
        failed.push(err?.message ? `${f.name}（${err.message}）` : f.name)
      }
    }
    if (failed.length) {
      ElMessage.warning({ message: t('assessment.evidenceFailed', { names: failed.join('、') }), duration: 8000 })
    } else if (done) {
      ElMessage.success(done)
    }
    return failed
  }

  const reset = () => {
    files.value = []
  }
  return { files, error, send, reset }
}
