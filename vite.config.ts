import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const api = 'http://localhost:3000';

const config = {
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The server's CSP allows no inline or data: scripts, so never inline assets.
    assetsInlineLimit: 0,
  },
  server: {
    // In development, run the server with BASE_URL=http://localhost:5173 so sign-in's origin check passes.
    proxy: {
      '/api': { target: api },
      '/healthz': { target: api },
    },
  },
} satisfies UserConfig;

/** The web app: sources in web/, built into dist/web, which the server serves. */
export default defineConfig(({ command }) => {
  // A build is always the production bundle, even when started under NODE_ENV=test (the e2e suite
  // builds through cli/web-build.ts): Vite reads NODE_ENV after loading this file, and otherwise React's
  // development build and dev JSX would ship in dist/web.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
