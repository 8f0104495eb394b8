import type { EntityManager } from '@mikro-orm/postgresql';
import { TRPCError } from '@trpc/server';
import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import { routeAccess } from '../../core/permissions.js';
import { queryFields, restErrorBody } from '../../rest/api.js';
import type { AppServices } from '../../services.js';
import { createRequestContext, httpRequestInfo, type RequestContext } from '../../trpc/context.js';
import { toTRPCError } from '../../trpc/errors.js';
import { resolveVendorAccess, type VendorAccess } from '../../trpc/vendor-access.js';
import { exportItemsInput, exportSalesInput, salesColumns } from './contract.js';
import type { CsvCell } from './csv-lines.js';
import { sendCsv } from './csv-response.js';
import { itemPresets, itemsForExport } from './selectors/items-csv.js';
import { saleRecord, salesForExport } from './selectors/sales-csv.js';

type Route = keyof typeof routeAccess;

interface CsvDownload<Row> {
  filename: string;
  columns: readonly string[];
  rows: AsyncIterable<Row>;
  record: (row: Row) => CsvCell[];
}

/** "20261202-013000": a file name's timestamp (UTC). */
const stamp = (at: Date) => at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/**
 * /exports: CSV downloads, outside the router because they stream. Each resolves the caller as
 * every vendor procedure does (src/trpc/vendor-access.ts: UNAUTHORIZED, FORBIDDEN below the
 * route's role in src/core/permissions.ts), then validates the query string with the contract's
 * schema (REST's query rules: `flag()` booleans, each field once), and streams the file. Errors
 * answer `{ error: { message, code, httpStatus, issues?, ... } }` with the status REST gives the
 * same error (src/rest/api.ts's restErrorBody).
 */
export function exportRoutes(services: AppServices): express.Router {
  const router = express.Router();
  router.get('/items.csv', (req, res) =>
    download(services, req, res, 'GET /exports/items.csv', exportItemsInput, async (em, access, q) => {
      const preset = itemPresets[q.preset];
      return {
        filename: `items-${access.vendor.slug}-${q.preset}-${stamp(new Date())}.csv`,
        columns: preset.columns,
        rows: await itemsForExport(em, access, q),
        record: preset.record,
      };
    }),
  );
  router.get('/sales.csv', (req, res) =>
    download(services, req, res, 'GET /exports/sales.csv', exportSalesInput, async (em, access, q) => ({
      filename: `sales-${access.vendor.slug}-${stamp(q.from)}-${stamp(q.to)}.csv`,
      columns: salesColumns,
      rows: await salesForExport(em, access, q),
      record: saleRecord,
    })),
  );
  return router;
}

async function download<Q, Row>(
  services: AppServices,
  req: Request,
  res: Response,
  route: Route,
  schema: z.ZodType<Q>,
  prepare: (em: EntityManager, access: VendorAccess, query: Q) => Promise<CsvDownload<Row>>,
) {
  const request = createRequestContext(services, httpRequestInfo(req, res));
  try {
    const access = await resolveVendorAccess(request, routeAccess[route]);
    const parsed = schema.safeParse(queryFields(req));
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
    await sendCsv(res, await prepare(request.em, access, parsed.data));
  } catch (error) {
    sendExportError(request, res, route, error);
  }
}

/** The error map of every procedure (src/trpc/errors.ts), answered as JSON while nothing was sent yet. */
function sendExportError(request: RequestContext, res: Response, route: Route, caught: unknown) {
  const error = toTRPCError(caught instanceof TRPCError ? caught : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: caught }));
  const original = error.cause ?? caught;
  if (res.headersSent) {
    // The client went away, or the stream failed half-way: nothing left to answer but a cut-off transfer.
    if (!res.destroyed) res.destroy();
    if (!isPrematureClose(caught)) request.log.warn({ err: original, route }, 'export aborted');
    return;
  }
  if (error.code === 'INTERNAL_SERVER_ERROR') request.log.error({ err: original, route }, 'unexpected error');
  if (error.code === 'SERVICE_UNAVAILABLE') request.log.warn({ err: original, route }, 'unavailable');
  const body = restErrorBody(error);
  if (body.retryAfter !== undefined) res.setHeader('Retry-After', String(body.retryAfter));
  res.status(body.httpStatus).json({ error: body });
}

const isPrematureClose = (error: unknown) => (error as { code?: string } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
