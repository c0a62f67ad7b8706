import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import globals from 'globals'
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs'

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  comments.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Our own rule of thumb: a label always belongs to its control, which jsx-a11y checks by nesting.
      'jsx-a11y/label-has-associated-control': ['error', { assert: 'either' }],
      // Every eslint-disable says why, after ` -- ` (issue 13).
      '@eslint-community/eslint-comments/require-description': 'error',
    },
  },
  // No function over 80 lines of code without a reason in a comment (issue 13): split it, or put
  // `// eslint-disable-next-line max-lines-per-function -- <reason>` right above it.
  {
    files: ['app/**/*.{ts,tsx}', 'db/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', 'db/test/**'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
)
