export * from './accounts'
export * from './files'
