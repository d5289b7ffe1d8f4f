// Bundles the CLI (main/cli/index.ts and what it imports from main/ and
// shared/) into out/cli/index.mjs with Vite's SSR library build, so
// `spanmark` runs on plain Node without tsx. Dependencies in node_modules
// stay external: they are installed beside the app anyway.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const isExternal = (id) =>
  id.startsWith('node:') || builtinModules.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: isExternal,
      // the import worker is its own entry: worker_threads loads it by file name (main/services/parse-in-worker.ts)
      input: { index: 'main/cli/index.ts', 'import-worker': 'main/services/import-worker.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
});
console.log('built out/cli/index.mjs');
