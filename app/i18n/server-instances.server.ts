import { createInstance, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { i18nConfig, isLng, supportedLngs, type Lng } from './config'
import { resources } from './resources.server'

/**
 * One initialised i18next instance per language for the whole process (translations are
 * in memory and never change while it runs). Creating and initialising an instance per
 * request and per page title cost ~12% of the CPU per page.
 */
const instances = new Map<Lng, I18n>()

for (const lng of supportedLngs) {
  const instance = createInstance()
  void instance.use(initReactI18next).init({ ...i18nConfig, lng, ns: Object.keys(resources[lng] ?? {}), resources, initImmediate: false })
  instances.set(lng, instance)
}

export function getServerI18n(lng: string): I18n {
  return instances.get(isLng(lng) ? lng : 'nl')!
}
