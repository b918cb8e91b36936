import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The page is plain Preact with JSX; Vite's own transform handles it (no plugin needed). Built
// into dist/web, which the monitor's HTTP server serves: no CDN, works on an isolated network.
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
})
