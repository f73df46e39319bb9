import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: fromRoot('./src/web'),
  publicDir: fromRoot('./src/web/public'),
  plugins: [react()],
  resolve: {
    alias: [
      // The component library imports the city of Amsterdam's icon set, which is its proprietary brand.
      // Schakel ships its own icons under the same export names instead.
      {
        find: /^@amsterdam\/design-system-react-icons$/,
        replacement: fromRoot('./src/web/icons/index.tsx'),
      },
    ],
  },
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    // The Content-Security-Policy allows fonts and scripts from 'self' only: never inline assets as data: URLs.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    port: 5173,
    // Only the API: the app's own modules live under /api/ too (src/web/api/*.ts).
    proxy: {
      '/api/v1': { target: `http://localhost:${process.env.SCHAKEL_API_PORT ?? '8080'}`, changeOrigin: false },
    },
  },
});
