import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layering rule (after VS Code's code-layering): shared/ is pure and
// imports nothing from main/ or renderer/; the renderer never imports main/;
// main never imports the renderer. ESLint's own no-restricted-imports does
// it, one list per folder, so no resolver plugin is needed.
const upward = (folder, why) => ({ group: [`**/${folder}/**`, `**/${folder}`], message: why });
const NOT_MAIN_FROM_SHARED = upward('main', 'shared/ is pure domain code: it must not import main/.');
const NOT_RENDERER_FROM_SHARED = upward('renderer', 'shared/ is pure domain code: it must not import renderer/.');
const NOT_MAIN_FROM_RENDERER = upward('main', 'The renderer reaches main only through window.api.');
const NOT_RENDERER_FROM_MAIN = upward('renderer', 'main/ must not import renderer code.');
const PURE = { group: ['node:*', 'fs', 'path', 'os', 'electron', 'electron-store'], message: 'shared/ must stay pure: no Node, no Electron.' };
const ELECTRON_IN_ADAPTERS = [
  { name: 'electron', message: 'Keep Electron in the thin adapters (index, window, preload, electron-adapters).' },
  { name: 'electron-store', message: 'Use the SettingsStore interface.' },
];
const ELECTRON_ADAPTERS = ['main/index.ts', 'main/window/create-window.ts', 'main/window/menu.ts', 'main/preload/**', 'main/services/electron-adapters.ts'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench/tmp/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
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
    rules: { 'no-restricted-imports': ['error', { patterns: [PURE, NOT_MAIN_FROM_SHARED, NOT_RENDERER_FROM_SHARED] }] },
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_MAIN_FROM_SHARED, NOT_RENDERER_FROM_SHARED] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_MAIN_FROM_RENDERER] }] },
  },
  {
    // the document view is self-contained: props in, callbacks out; the app and Review mount it
    files: ['renderer/editor/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NOT_MAIN_FROM_RENDERER, upward('app', 'renderer/editor must not import renderer/app: take props and report through callbacks.'), upward('features', 'renderer/editor must not import renderer/features.')] },
      ],
    },
  },
  {
    // only the thin adapters may import electron, so handlers run in plain Node
    files: ['main/**/*.ts'],
    ignores: ELECTRON_ADAPTERS,
    rules: { 'no-restricted-imports': ['error', { paths: ELECTRON_IN_ADAPTERS, patterns: [NOT_RENDERER_FROM_MAIN] }] },
  },
  {
    files: ELECTRON_ADAPTERS,
    rules: { 'no-restricted-imports': ['error', { patterns: [NOT_RENDERER_FROM_MAIN] }] },
  },
);
