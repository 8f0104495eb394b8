import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ItemOutput } from '@api/modules/inventory/contract';
import { trpcClient } from '../api/client';
import { describeError } from '../api/errors';
import { formatCount } from '../lib/format';
import { stockAdjustForm } from '../lib/formSchemas';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { invalidateItems } from './invalidate';
import { StockAdjustFields, stockAdjustDefaults } from './StockAdjustFields';

/** Calls sent at once: one batched request (the server takes 20 calls a batch). */
const CHUNK = 20;

interface Outcome {
  done: number;
  failures: { item: ItemOutput; reason: string }[];
}

/** Runs `call` for every item, 20 at a time, and tells which failed and why (nothing stops at the first). */
async function forEachItem(items: ItemOutput[], call: (item: ItemOutput) => Promise<unknown>): Promise<Outcome> {
  const outcome: Outcome = { done: 0, failures: [] };
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const results = await Promise.allSettled(chunk.map(call));
    results.forEach((result, n) => {
      if (result.status === 'fulfilled') outcome.done++;
      else outcome.failures.push({ item: chunk[n]!, reason: describeError(result.reason) });
    });
  }
  await invalidateItems();
  return outcome;
}

/** Archive (or restore) the selected items, or change their stock by the same amount. */
interface BulkActionsProps {
  selected: ItemOutput[];
  status: 'active' | 'archived';
  /** Clears the selection; `notice` says what was done when everything succeeded. */
  onDone: (notice?: string) => void;
}

export function BulkActions({ selected, status, onDone }: BulkActionsProps) {
  const [adjusting, setAdjusting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (done: string, call: (item: ItemOutput) => Promise<unknown>) => {
    setBusy(true);
    setOutcome(null);
    const result = await forEachItem(selected, call);
    setBusy(false);
    setOutcome(result);
    if (result.failures.length === 0) onDone(`${formatCount(result.done)} ${result.done === 1 ? 'item' : 'items'} ${done}.`);
    return result;
  };
  const archive = () =>
    status === 'active'
      ? run('archived', (item) => trpcClient.items.archive.mutate({ id: item.id }))
      : run('restored', (item) => trpcClient.items.restore.mutate({ id: item.id }));

  const form = useForm({ resolver: zodResolver(stockAdjustForm), defaultValues: stockAdjustDefaults });
  const adjust = form.handleSubmit(async (change) => {
    const result = await run('changed', (item) => trpcClient.items.adjustStock.mutate({ id: item.id, ...change }));
    if (result.failures.length === 0) {
      setAdjusting(false);
      form.reset(stockAdjustDefaults);
    }
  });

  return (
    <div className="bulk-bar" role="region" aria-label="Selected items">
      <span>
        <strong>{formatCount(selected.length)}</strong> selected
      </span>
      <button type="button" className="button" disabled={busy} onClick={() => void archive()}>
        {status === 'active' ? 'Archive' : 'Restore'}
      </button>
      {status === 'active' && (
        <button type="button" className="button" disabled={busy} onClick={() => setAdjusting(true)}>
          Adjust stock
        </button>
      )}
      <button type="button" className="button button--ghost" disabled={busy} onClick={() => onDone()}>
        Clear selection
      </button>
      {busy && <span role="status">Working…</span>}
      {outcome && !adjusting && <OutcomeMessage outcome={outcome} />}
      <Dialog title={`Adjust stock of ${formatCount(selected.length)} items`} open={adjusting} onClose={() => setAdjusting(false)}>
        <form onSubmit={adjust} noValidate className="stack">
          <p className="muted">Each selected item changes by the same number of units.</p>
          <StockAdjustFields form={form} />
          {outcome && <OutcomeMessage outcome={outcome} />}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : 'Apply to all'}
            </button>
            <button type="button" className="button" onClick={() => setAdjusting(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

/** What failed, and why (a full success is told by the page, as the selection goes). */
function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  if (outcome.failures.length === 0) return null;
  return (
    <Alert>
      {formatCount(outcome.done)} changed, {formatCount(outcome.failures.length)} not:
      <ul>
        {outcome.failures.slice(0, 5).map(({ item, reason }) => (
          <li key={item.id}>
            {item.name} ({item.sku}): {reason}
          </li>
        ))}
        {outcome.failures.length > 5 && <li>and {formatCount(outcome.failures.length - 5)} more.</li>}
      </ul>
    </Alert>
  );
}
