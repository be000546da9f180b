// ESLint flat config: `npm run lint` (with tsc), run by scripts/test.sh; no warnings allowed.
import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Feature boundaries: a feature (src/features/<name>) uses its own files through relative imports and
// another feature only through that feature's index (`@/features/auth`), never its internals. Shared
// code lives in src/lib (logic, API client, filters) and src/components (UI).
const featureBoundaries = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: '^@/features/[^/]+/',
          message: "Import another feature through its index ('@/features/<name>'), or move shared code to src/lib or src/components.",
        },
        {
          regex: '^(\\.\\./){2,}',
          message: "Reach outside this feature folder through '@/...' imports, not '../../'.",
        },
      ],
    },
  ],
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/lib/api/schema.d.ts'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended, jsxA11y.flatConfigs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Labels that wrap their control with the text a few elements deep (radio cards).
      'jsx-a11y/label-has-associated-control': ['error', { depth: 4 }],
      // Scroll boxes are named regions and take focus so the keyboard can scroll them (ScrollRegion).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true }],
    },
  },
  { files: ['src/features/**/*.{ts,tsx}'], rules: featureBoundaries },
  {
    files: ['*.{js,mjs,ts}', 'scripts/**/*.mjs', 'tests/**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  { files: ['*.ts'], extends: [...tseslint.configs.recommended] },
)
