import express from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REST_BASE } from './routes.js';

const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const DOCS = '/api/docs';

// Scripts from files only: helmet's Content-Security-Policy allows no inline script.
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Omni-Stock API</title>
  <link rel="stylesheet" href="${DOCS}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS}/swagger-ui-bundle.js"></script>
  <script src="${DOCS}/init.js"></script>
</body>
</html>
`;
const INIT = `window.ui = SwaggerUIBundle({ url: '${REST_BASE}/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** /api/docs: Swagger UI (from the swagger-ui-dist package, no CDN) on /api/v1/openapi.json. */
export function docsPage(): express.Router {
  const page = express.Router();
  page.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  page.get('/init.js', (_req, res) => {
    res.type('js').send(INIT);
  });
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    page.get(`/${file}`, (_req, res) => res.sendFile(join(swaggerUi, file), { maxAge: '1d' }));
  }
  return page;
}
