import { compileErrors, validate } from '@readme/openapi-parser';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { API_DOC, apiReference } from '../../scripts/api-docs.js';
import type { z } from 'zod';
import { accessOf } from '../../src/core/permissions.js';
import { exportItemsInput } from '../../src/modules/exports/contract.js';
import { examples } from '../../src/rest/examples.js';
import { openApiDocument } from '../../src/rest/openapi.js';
import { restRoutes, routeErrors } from '../../src/rest/routes.js';
import { appRouter } from '../../src/router.js';
import { startHttpApp } from '../support/http.js';

type Operation = {
  operationId: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
  requestBody?: { content: Record<string, { example?: unknown }> };
};
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: z.ZodType[]; output: z.ZodType; type: string } }>;
const operationOf = (path: string, method: string) => (openApiDocument().paths![path] as Record<string, Operation>)[method.toLowerCase()]!;

describe('OpenAPI document', () => {
  let server: Awaited<ReturnType<typeof startHttpApp>>;
  before(async () => (server = await startHttpApp()));
  after(() => server.stop());

  it('is served at /api/v1/openapi.json and is a valid OpenAPI 3.1 document', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/openapi.json`);
    expect(res.status).to.equal(200);
    const served = (await res.json()) as { openapi: string };
    expect(served).to.deep.equal(JSON.parse(JSON.stringify(openApiDocument())));
    expect(served.openapi).to.equal('3.1.0');
    const result = await validate(structuredClone(served) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).to.equal(true);
  });

  it('has a REST route for every procedure of the router, GET for queries and a body method for mutations', () => {
    const routed = restRoutes.map((r) => r.procedure);
    expect(Object.keys(procedures).filter((p) => !routed.includes(p)), 'procedures without a REST route').to.deep.equal([]);
    for (const route of restRoutes) {
      expect(operationOf(route.path, route.method).operationId, route.procedure).to.equal(route.procedure);
      expect(route.method === 'GET', `${route.procedure} is a ${route.type}`).to.equal(route.type === 'query');
      expect(route.path, route.procedure).to.match(/^(\/[a-z-]+|\/\{\w+\})+$/);
    }
  });

  it('asks for the Bearer token exactly where the permission table does', () => {
    expect(openApiDocument().components!.securitySchemes).to.deep.equal({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token of auth.login or auth.register' },
    });
    for (const route of restRoutes) {
      const { security } = operationOf(route.path, route.method);
      expect(security, route.procedure).to.deep.equal(accessOf(route.procedure) === 'public' ? undefined : [{ bearer: [] }]);
    }
  });

  it('documents each route’s errors with the one Error body', () => {
    const login = routeErrors(restRoutes.find((r) => r.procedure === 'auth.login')!).map((e) => e.code);
    expect(login).to.deep.equal(['BAD_REQUEST', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE']);
    const adjust = routeErrors(restRoutes.find((r) => r.procedure === 'items.adjustStock')!).map((e) => e.code);
    expect(adjust).to.deep.equal(['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);
    const overview = routeErrors(restRoutes.find((r) => r.procedure === 'inventory.overview')!).map((e) => e.code);
    expect(overview, 'no input: no BAD_REQUEST').to.deep.equal(['UNAUTHORIZED', 'FORBIDDEN']);
    for (const route of restRoutes) {
      const { responses } = operationOf(route.path, route.method);
      expect(Object.keys(responses), route.procedure).to.deep.equal(['200', ...routeErrors(route).map((e) => String(e.status)), 'default']);
      for (const [status, response] of Object.entries(responses)) {
        if (status !== '200') expect(response.content!['application/json'], `${route.procedure} ${status}`).to.deep.equal({ schema: { $ref: '#/components/schemas/Error' } });
      }
    }
  });

  it('carries examples for the main calls, each one accepted by its procedure’s own schemas', () => {
    expect(Object.keys(examples)).to.have.members(['auth.register', 'auth.login', 'items.create', 'items.list', 'items.adjustStock']);
    for (const [procedure, { input, output }] of Object.entries(examples)) {
      const { _def } = procedures[procedure]!;
      expect(_def.inputs[0]!.safeParse(input).error, `${procedure} input`).to.equal(undefined);
      expect(_def.output.safeParse(output).error, `${procedure} output`).to.equal(undefined);
      const route = restRoutes.find((r) => r.procedure === procedure)!;
      expect(operationOf(route.path, route.method).responses['200']!.content!['application/json']!.example).to.deep.equal(output);
    }
    expect(operationOf('/items', 'POST').requestBody!.content['application/json']!.example).to.deep.equal(examples['items.create']!.input);
  });

  it('lists the CSV exports, outside /api/v1, with the query parameters of their own schemas', () => {
    const paths = openApiDocument().paths as Record<string, { servers: { url: string }[]; get: { parameters: { name: string; required: boolean }[]; security: unknown } }>;
    const items = paths['/exports/items.csv']!;
    expect(items.servers).to.deep.equal([{ url: '/' }]);
    expect(items.get.security).to.deep.equal([{ bearer: [] }]);
    expect(items.get.parameters.map((p) => p.name)).to.deep.equal(Object.keys(exportItemsInput.shape));
    expect(paths['/exports/sales.csv']!.get.parameters.filter((p) => p.required).map((p) => p.name)).to.deep.equal(['from', 'to']);
  });

  it(`${API_DOC} is up to date (npm run docs:api)`, () => {
    expect(readFileSync(API_DOC, 'utf8') === apiReference(), `${API_DOC} is stale: run npm run docs:api`).to.equal(true);
  });

  it('is browsable at /api/docs from local files, within the Content-Security-Policy', async () => {
    const page = await fetch(`${server.baseUrl}/api/docs`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-security-policy')).to.include("script-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url!);
    expect(assets).to.deep.equal(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
    expect(html, 'no inline script').to.not.match(/<script>/);
    for (const asset of assets) {
      const res = await fetch(`${server.baseUrl}${asset}`);
      expect(res.status, asset).to.equal(200);
      expect(res.headers.get('content-type'), asset).to.match(asset.endsWith('.css') ? /^text\/css/ : /javascript/);
    }
    expect(await (await fetch(`${server.baseUrl}/api/docs/init.js`)).text()).to.include("url: '/api/v1/openapi.json'");
  });
});
