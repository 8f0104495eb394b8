import { p } from '@mikro-orm/core';
import { newId } from '../core/ids.js';

/** Columns every table shares: a v7 UUID key and creation/update timestamps. */
export const idColumn = () => p.uuid().primary().onCreate(() => newId());
export const createdAtColumn = () => p.datetime().onCreate(() => new Date());
export const updatedAtColumn = () =>
  p.datetime().onCreate(() => new Date()).onUpdate(() => new Date());

/**
 * A ledger table is append-only in the database: UPDATE and DELETE raise an error, whatever the
 * client. A purgeable ledger (an item's stock movements and price changes) may lose rows only
 * through the one documented item purge, which sets `omni.ledger_purge` for its own statement
 * (src/modules/inventory/services/item-status.ts, purgeItems); audit events never do.
 */
export const appendOnly = (options: { purgeable: boolean }) => ({
  name: 'append_only',
  timing: 'before' as const,
  events: ['update' as const, 'delete' as const],
  body: [
    options.purgeable ? "if tg_op = 'DELETE' and current_setting('omni.ledger_purge', true) = 'on' then return old; end if;" : '',
    "raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'restrict_violation';",
  ].join(' ').trim(),
});
