import { createInstance, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { i18nConfig, toLng, type Lng } from './config'
import { ensureResources } from './resources.server'

/**
 * One initialised i18next instance per language for the whole process (translations are
 * in memory and never change while it runs), made on the language's first use. Creating and
 * initialising an instance per request and per page title cost ~12% of the CPU per page.
 */
const instances = new Map<Lng, I18n>()

export function getServerI18n(requested: string): I18n {
  const lng = toLng(requested)
  let instance = instances.get(lng)
  if (!instance) {
    const resources = ensureResources()
    instance = createInstance()
    void instance.use(initReactI18next).init({ ...i18nConfig, supportedLngs: [...i18nConfig.supportedLngs], lng, ns: Object.keys(resources[lng] ?? {}), resources, initImmediate: false })
    instances.set(lng, instance)
  }
  return instance
}
