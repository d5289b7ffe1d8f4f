import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The bench page: Spanmark's real document view, Recogito and a raw-DOM floor, built for headless Chromium. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'page'),
  base: './',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, 'tmp/page'), emptyOutDir: true, reportCompressedSize: false },
  logLevel: 'error',
});
