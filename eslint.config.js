import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { restrictedFor, tableOwnerRules } from './eslint/table-owners.js'

export default tseslint.config(
  { ignores: ['build/**', '.build/**', 'public/build/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.tsx'],
    ...react.configs.flat.recommended,
    ...react.configs.flat['jsx-runtime'],
    settings: { react: { version: '18.3' } },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'react/prop-types': 'off',
      // Every visible string comes from the locale files (i18next), never from a literal.
      'react/jsx-no-literals': ['error', { noStrings: false, ignoreProps: true, allowedStrings: [] }],
    },
  },
  // One owner per table: another capability's schema is reached through its functions.
  ...tableOwnerRules(),
  {
    // Routes stay thin: they call capability modules, never the database client or a schema.
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@db/client.server', '**/db/client.server'], message: 'Routes call capability modules; they never import the database client.' },
            ...restrictedFor(null),
          ],
        },
      ],
    },
  },
  {
    // Scripts that print figures or set-up output.
    files: ['bench/**', 'db/seed*.ts', 'db/migrate.ts', 'scripts/**', 'e2e/**', 'server/**'],
    rules: { 'no-console': 'off' },
  },
)
