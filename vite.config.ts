import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files that Electron serves on the app's own scheme
// (electron/app-protocol.ts); the harness serves the same files to Chromium. No source maps: they
// would ship inside the app.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
});
