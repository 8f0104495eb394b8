import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { serverCodeGuard } from './server-code-guard.ts';

const serverSrc = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * The web app. `@api/*` is the server's src/ folder, of which the browser may import only the
 * contracts (and `type AppRouter` from src/router.ts, erased before bundling): the guard fails the
 * build, and the dev server's page, on anything else.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [serverCodeGuard(serverSrc), react()],
  resolve: { alias: [{ find: /^@api\//, replacement: serverSrc }] },
  build: {
    outDir: fileURLToPath(new URL('../dist/web/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
  },
  // Every dependency pre-bundled at start, so no page reloads while the first visits discover them.
  optimizeDeps: {
    include: [
      'react', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-router', '@tanstack/react-query',
      '@tanstack/react-virtual', '@trpc/client', '@trpc/tanstack-react-query', 'react-hook-form', '@hookform/resolvers/zod',
      'recharts', 'zod',
    ],
  },
});
