import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layering rule (after VS Code's code-layering): shared/ is pure and
// imports nothing from main/ or renderer/; the renderer never imports main/;
// main never imports the renderer.
const layering = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        { target: './shared', from: './main', message: 'shared/ is pure domain code: it must not import main/.' },
        { target: './shared', from: './renderer', message: 'shared/ is pure domain code: it must not import renderer/.' },
        { target: './renderer', from: './main', message: 'The renderer reaches main only through window.api.' },
        { target: './main', from: './renderer', message: 'main/ must not import renderer code.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench/tmp/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    rules: {
      ...layering,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='test'][property.name='only']", message: 'No .only in committed tests.' }],
    },
  },
  {
    // Playwright fixtures call their continuation `use`, which is not a React hook
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // shared/ runs everywhere: no Node built-ins, no Electron, no DOM globals
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'electron', 'electron-store'], message: 'shared/ must stay pure: no Node, no Electron.' }] }],
    },
  },
  {
    // only the thin adapters may import electron, so handlers run in plain Node
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/window/create-window.ts', 'main/window/menu.ts', 'main/preload/**', 'main/services/electron-adapters.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Keep Electron in the thin adapters (index, window, preload, electron-adapters).' }, { name: 'electron-store', message: 'Use the SettingsStore interface.' }] }],
    },
  },
);
