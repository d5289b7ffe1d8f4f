import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layering rule (after VS Code's code-layering), as an allow-list: each
// folder names the folders it may import, and every other layer is refused.
// ESLint's own no-restricted-imports does it on the import string, so no
// resolver plugin is needed; the layer names below occur nowhere else as
// folder names, which keeps those strings unambiguous.
const LAYERS = ['shared', 'main', 'renderer', 'app', 'editor', 'features', 'e2e', 'scripts', 'bench'];
const ALLOW = {
  shared: ['shared'],
  main: ['main', 'shared'],
  // renderer/api.ts and main.tsx
  renderer: ['renderer', 'app', 'shared'],
  'renderer/app': ['renderer', 'app', 'editor', 'features', 'shared'],
  'renderer/features': ['renderer', 'app', 'editor', 'features', 'shared'],
  // the document view: props in, callbacks out, never the app
  'renderer/editor': ['renderer', 'editor', 'shared'],
  scripts: ['scripts', 'main', 'shared'],
  // bench/generate.ts makes the long documents both use
  e2e: ['e2e', 'scripts', 'bench', 'main', 'shared'],
  bench: ['bench', 'renderer', 'app', 'editor', 'features', 'scripts', 'main', 'shared'],
};
const WHY = {
  shared: 'shared/ is pure domain code: it imports no other layer.',
  main: 'main/ must not import renderer, test or tool code.',
  renderer: 'The renderer reaches main only through window.api, and never test code.',
  'renderer/app': 'The renderer reaches main only through window.api, and never test code.',
  'renderer/features': 'The renderer reaches main only through window.api, and never test code.',
  'renderer/editor': 'renderer/editor is self-contained: take props and report through callbacks, never import renderer/app or renderer/features.',
  scripts: 'scripts/ (the browser host, tools) must not import tests or the renderer.',
  e2e: 'e2e/ drives the app through its hosts, not the renderer’s modules.',
  bench: 'bench/ must not import test code.',
};
/** The patterns refusing every layer `folder` may not import. */
function refused(folder) {
  return LAYERS.filter((l) => !ALLOW[folder].includes(l)).map((l) => ({ group: [`**/${l}/**`, `**/${l}`], message: `${WHY[folder]} (${folder} may import: ${ALLOW[folder].join(', ')})` }));
}
const PURE = { group: ['node:*', 'fs', 'path', 'os', 'electron', 'electron-store'], message: 'shared/ must stay pure: no Node, no Electron.' };
const ELECTRON_IN_ADAPTERS = [
  { name: 'electron', message: 'Keep Electron in the thin adapters (index, window, preload, electron-adapters).' },
  { name: 'electron-store', message: 'Use the SettingsStore interface.' },
];
const ELECTRON_ADAPTERS = ['main/index.ts', 'main/window/create-window.ts', 'main/window/menu.ts', 'main/preload/**', 'main/services/electron-adapters.ts'];
const restrict = (files, options, ignores) => ({ files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', options] } });

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
  // shared/ runs everywhere: no Node built-ins, no Electron (its own tsconfig has no DOM); its tests run in Node
  restrict(['shared/**/*.ts'], { patterns: [PURE, ...refused('shared')] }, ['shared/**/*.test.ts']),
  restrict(['shared/**/*.test.ts'], { patterns: refused('shared') }),
  // only the thin adapters may import electron, so handlers run in plain Node
  restrict(['main/**/*.ts'], { paths: ELECTRON_IN_ADAPTERS, patterns: refused('main') }, ELECTRON_ADAPTERS),
  restrict(ELECTRON_ADAPTERS, { patterns: refused('main') }),
  restrict(['renderer/*.{ts,tsx}'], { patterns: refused('renderer') }),
  restrict(['renderer/app/**/*.{ts,tsx}'], { patterns: refused('renderer/app') }),
  restrict(['renderer/features/**/*.{ts,tsx}'], { patterns: refused('renderer/features') }),
  restrict(['renderer/editor/**/*.{ts,tsx}'], { patterns: refused('renderer/editor') }),
  restrict(['scripts/**/*.{ts,mjs}'], { patterns: refused('scripts') }),
  restrict(['e2e/**/*.ts'], { patterns: refused('e2e') }),
  restrict(['bench/**/*.{ts,tsx}'], { patterns: refused('bench') }),
);
