import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // the import worker is its own entry: worker_threads loads it by file name (main/services/parse-in-worker.ts)
      rollupOptions: { input: { index: resolve(__dirname, 'main/index.ts'), 'import-worker': resolve(__dirname, 'main/services/import-worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/preload/index.ts') },
        // sandboxed preloads must be CommonJS
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // one bundle read from local disk: no splitting warning below 2 MB
      chunkSizeWarningLimit: 2048,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
