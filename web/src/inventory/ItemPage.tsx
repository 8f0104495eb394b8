import { zodResolver } from '@hookform/resolvers/zod';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import type { ItemOutput } from '@api/modules/inventory/contract';
import { queryClient, trpc, trpcClient } from '../api/client';
import { keysetPages } from '../api/pages';
import { describeError } from '../api/errors';
import { useCan, useVendor } from '../auth/useMe';
import { categoryLabels, completenessLabels, formatCount, formatDateTime, humanize, reasonLabels } from '../lib/format';
import { stockAdjustForm } from '../lib/formSchemas';
import { formatMoney, percentOf, subtractMoney } from '../lib/money';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, LoadingBlock, QueryError, Skeleton } from '../ui/states';
import { useFormSubmit } from '../ui/useFormSubmit';
import { invalidateItems } from './invalidate';
import { StockAdjustFields, stockAdjustDefaults } from './StockAdjustFields';
import { TableWrap } from '../ui/TableWrap';
import { primaryImage } from './Thumbnail';

const PriceHistoryChart = lazy(() => import('./PriceHistoryChart'));

export default function ItemPage() {
  const { id = '' } = useParams();
  const item = useQuery(trpc.items.get.queryOptions({ id }));
  if (item.isError) {
    return (
      <>
        <PageHeader title="Item" />
        <QueryError error={item.error} />
        <p>
          <Link to="/inventory">Back to the inventory</Link>
        </p>
      </>
    );
  }
  if (!item.data) return <LoadingBlock height="40rem" label="Loading the item…" />;
  return <ItemDetails item={item.data} />;
}

function ItemDetails({ item }: { item: ItemOutput }) {
  const { currency } = useVendor();
  const canWrite = useCan('staff');
  const money = (value: string) => formatMoney(value, currency);
  const margin = subtractMoney(item.price, item.intakePrice);
  const marginPercent = percentOf(margin, item.price);
  const stores = useQuery(trpc.stores.list.queryOptions({ includeArchived: true }));
  const store = stores.data?.find((s) => s.id === item.storeId);
  const card = item.cardDetails;
  const facts: [string, string | null | undefined][] = [
    ['SKU', item.sku],
    ['Category', categoryLabels[item.category]],
    ['Condition', item.condition],
    ['Store', store?.name],
    ...(card
      ? ([
          ['Game', card.game],
          ['Set', [card.setName, card.setCode && `(${card.setCode})`].filter(Boolean).join(' ')],
          ['Number', card.cardNumber],
          ['Rarity', card.rarity],
          ['Finish', card.finish && humanize(card.finish)],
          ['Language', card.language],
          ['Grade', card.grade != null ? `${card.gradingCompany ?? ''} ${card.grade}`.trim() : null],
          ['Certificate', card.certNumber],
        ] as [string, string | null][])
      : []),
    ...Object.entries(item.attributes).map(([key, value]) => [humanize(key), (key === 'completeness' && completenessLabels[String(value)]) || String(value)] as [string, string]),
  ];

  return (
    <>
      <PageHeader
        title={item.name}
        actions={
          canWrite && (
            <>
              <Link to={`/inventory/${item.id}/edit`} className="button">
                Edit
              </Link>
              <ArchiveButton item={item} />
            </>
          )
        }
      >
        <p className="muted">
          {item.sku}
          {item.status === 'archived' && <span className="badge badge--muted">Archived</span>}
        </p>
      </PageHeader>

      <div className="item-page">
        <section className="panel item-page__gallery" aria-label="Images">
          <Gallery item={item} />
        </section>

        <section className="panel item-page__facts" aria-labelledby="facts-title">
          <h2 id="facts-title">Details</h2>
          <dl className="facts">
            {facts
              .filter(([, value]) => value)
              .map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
          {item.description && <p className="item-page__description">{item.description}</p>}
        </section>

        <section className="panel item-page__stock" aria-labelledby="stock-title">
          <h2 id="stock-title">Stock and prices</h2>
          <dl className="figures figures--compact">
            <div className="figure">
              <dt>In stock</dt>
              <dd className={item.quantity === 0 ? 'is-out' : undefined}>{formatCount(item.quantity)}</dd>
            </div>
            <div className="figure">
              <dt>Price</dt>
              <dd>{money(item.price)}</dd>
            </div>
            <div className="figure">
              <dt>Cost</dt>
              <dd>{money(item.intakePrice)}</dd>
            </div>
            <div className="figure">
              <dt>Margin</dt>
              <dd>
                {money(margin)}
                {marginPercent !== null && <span className="muted"> ({marginPercent}%)</span>}
              </dd>
            </div>
            <div className="figure">
              <dt>Projected</dt>
              <dd>{money(item.projectedPrice)}</dd>
            </div>
          </dl>
          {canWrite && item.status === 'active' && <QuickAdjust item={item} />}
        </section>

        <section className="panel item-page__prices" aria-labelledby="prices-title">
          <h2 id="prices-title">Price history</h2>
          <PriceHistory itemId={item.id} currency={currency} />
        </section>

        <section className="panel item-page__ledger" aria-labelledby="ledger-title">
          <h2 id="ledger-title">Stock ledger</h2>
          <Movements itemId={item.id} />
        </section>
      </div>
    </>
  );
}

function Gallery({ item }: { item: ItemOutput }) {
  const images = item.images.length ? item.images.map((image) => image.url) : [primaryImage(item)].filter((url): url is string => Boolean(url));
  const [shown, setShown] = useState(0);
  const current = images[shown] ?? images[0];
  if (!current) return <EmptyState title="No images" />;
  return (
    <div className="gallery-view">
      <img src={current} alt={item.name} className="gallery-view__main" width={480} height={480} />
      {images.length > 1 && (
        <ul className="gallery-view__thumbs">
          {images.map((url, n) => (
            <li key={url}>
              <button type="button" aria-label={`Show image ${n + 1}`} aria-pressed={n === shown} onClick={() => setShown(n)}>
                <img src={url} alt="" width={56} height={56} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function QuickAdjust({ item }: { item: ItemOutput }) {
  const form = useForm({ resolver: zodResolver(stockAdjustForm), defaultValues: stockAdjustDefaults });
  const [saved, setSaved] = useState<string | null>(null);
  const adjust = useMutation(trpc.items.adjustStock.mutationOptions());
  const { onSubmit, formError, submitting } = useFormSubmit(form, async (change) => {
    setSaved(null);
    const result = await adjust.mutateAsync({ id: item.id, ...change });
    queryClient.setQueryData(trpc.items.get.queryKey({ id: item.id }), result.item);
    await invalidateItems();
    form.reset(stockAdjustDefaults);
    setSaved(`${change.delta > 0 ? 'Added' : 'Removed'} ${formatCount(Math.abs(change.delta))}: ${formatCount(result.item.quantity)} in stock now.`);
  });
  return (
    <form id="adjust" onSubmit={onSubmit} noValidate className="stack quick-adjust" aria-labelledby="adjust-title">
      <h3 id="adjust-title">Adjust stock</h3>
      <StockAdjustFields form={form} />
      <Alert>{formError}</Alert>
      <Alert tone="success">{saved}</Alert>
      <button type="submit" className="button button--primary" disabled={submitting}>
        {submitting ? 'Saving…' : 'Save stock change'}
      </button>
    </form>
  );
}

function ArchiveButton({ item }: { item: ItemOutput }) {
  const navigate = useNavigate();
  const canDelete = useCan('admin');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const done = async (next: ItemOutput) => {
    queryClient.setQueryData(trpc.items.get.queryKey({ id: item.id }), next);
    await invalidateItems();
  };
  const archive = useMutation(trpc.items.archive.mutationOptions({ onSuccess: done }));
  const restore = useMutation(trpc.items.restore.mutationOptions({ onSuccess: done }));
  const remove = useMutation(
    trpc.items.delete.mutationOptions({
      onSuccess: async () => {
        await invalidateItems();
        navigate('/inventory', { replace: true });
      },
    }),
  );
  const error = archive.error ?? restore.error;
  return (
    <>
      {item.status === 'active' ? (
        <button type="button" className="button" disabled={archive.isPending} onClick={() => archive.mutate({ id: item.id })}>
          Archive
        </button>
      ) : (
        <button type="button" className="button" disabled={restore.isPending} onClick={() => restore.mutate({ id: item.id })}>
          Restore
        </button>
      )}
      {canDelete && (
        <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
          Delete
        </button>
      )}
      {error && <span role="alert" className="inline-error">{describeError(error)}</span>}
      <Dialog title="Delete this item?" open={confirmDelete} onClose={() => setConfirmDelete(false)}>
        <div className="stack">
          <p>
            {item.name} and its stock and price history are deleted for good. Items that were ever sold can only be archived.
          </p>
          {remove.isError && <Alert>{describeError(remove.error)}</Alert>}
          <div className="button-row">
            <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => remove.mutate({ id: item.id })}>
              {remove.isPending ? 'Deleting…' : 'Delete for good'}
            </button>
            <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}

function PriceHistory({ itemId, currency }: { itemId: string; currency: string }) {
  const history = useQuery(trpc.items.priceHistory.queryOptions({ id: itemId }));
  if (history.isError) return <QueryError error={history.error} retry={() => void history.refetch()} />;
  if (!history.data) return <Skeleton height="14rem" />;
  if (history.data.length === 0) return <EmptyState title="No price changes yet." />;
  return (
    <>
      <div className="chart-box chart-box--short">
        <Suspense fallback={<Skeleton height="100%" />}>
          <PriceHistoryChart changes={history.data} currency={currency} />
        </Suspense>
      </div>
      <details>
        <summary>Every change ({formatCount(history.data.length)})</summary>
        <TableWrap label="Price changes">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Price</th>
                <th scope="col" className="num">From</th>
                <th scope="col" className="num">To</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((change, n) => (
                <tr key={n}>
                  <td>{formatDateTime(change.createdAt)}</td>
                  <td>{{ intakePrice: 'Cost', price: 'Price', projectedPrice: 'Projected' }[change.field]}</td>
                  <td className="num">{change.oldValue === null ? '—' : formatMoney(change.oldValue, currency)}</td>
                  <td className="num">{formatMoney(change.newValue, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </>
  );
}

function Movements({ itemId }: { itemId: string }) {
  const input = { id: itemId, limit: 20 };
  const movements = useInfiniteQuery(keysetPages(trpc.items.movements.queryKey(input), (cursor) => trpcClient.items.movements.query({ ...input, cursor })));
  if (movements.isError) return <QueryError error={movements.error} retry={() => void movements.refetch()} />;
  if (!movements.data) return <Skeleton height="10rem" />;
  const rows = movements.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) return <EmptyState title="No stock movements yet." />;
  return (
    <>
      <TableWrap label="Stock movements">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Reason</th>
              <th scope="col" className="num">Change</th>
              <th scope="col" className="num">After</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((movement) => (
              <tr key={movement.id}>
                <td>{formatDateTime(movement.createdAt)}</td>
                <td>{reasonLabels[movement.reason]}</td>
                <td className={`num ${movement.delta > 0 ? 'is-up' : 'is-down'}`}>
                  {movement.delta > 0 ? '+' : '−'}
                  {formatCount(Math.abs(movement.delta))}
                </td>
                <td className="num">{formatCount(movement.quantityAfter)}</td>
                <td>{[movement.note, movement.reference].filter(Boolean).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {movements.hasNextPage && (
        <button type="button" className="button" disabled={movements.isFetchingNextPage} onClick={() => void movements.fetchNextPage()}>
          {movements.isFetchingNextPage ? 'Loading…' : 'Show older movements'}
        </button>
      )}
    </>
  );
}
