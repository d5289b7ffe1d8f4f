import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The same renderer, built without electron-vite, for the browser host used where no Electron binary exists. */
export default defineConfig({
  root: resolve(__dirname),
  base: './',
  plugins: [react()],
  // one bundle read from local disk: size matters less than for the web, so no splitting warning below 2 MB
  build: { outDir: resolve(__dirname, '../out/renderer'), emptyOutDir: true, chunkSizeWarningLimit: 2048 },
});
