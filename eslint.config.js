// Lint rules, including the one-way dependency rule between packages:
// protocol <- core <- server; protocol <- client <- web (and cli, bench on top).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbid = (...names) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: names, message: 'Dependencies point one way: see STYLE in docs/architecture.md.' },
        {
          group: ['**/src/*', '../../*/src/*'],
          message: 'Import another package by its name, not its src/.',
        },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/node_modules/**', 'data/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (build and test tooling).
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  { files: ['packages/protocol/**'], rules: forbid('@tickdeck/*', 'node:*') },
  {
    files: ['packages/core/**'],
    rules: forbid('@tickdeck/server', '@tickdeck/client', '@tickdeck/web', '@tickdeck/cli'),
  },
  {
    files: ['packages/client/**'],
    rules: forbid('@tickdeck/core', '@tickdeck/server', '@tickdeck/web', '@tickdeck/cli'),
  },
  { files: ['packages/server/**'], rules: forbid('@tickdeck/client', '@tickdeck/web', '@tickdeck/cli') },
  { files: ['apps/web/**'], rules: forbid('@tickdeck/core', '@tickdeck/server', '@tickdeck/cli') },
);
