import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { sumCents } from '@api/contract/money';
import { lineRefund, returnSaleInput, voidSaleInput, type SaleOutput } from '@api/modules/sales/contract';
import { queryClient, trpc } from '../api/client';
import { applyServerErrors, errorData } from '../api/errors';
import { useCan, useVendor } from '../auth/useMe';
import { formatCount, formatDateTime } from '../lib/format';
import { optionalText } from '../lib/formSchemas';
import { formatMoney, fromCents, isMoney, toCents } from '../lib/money';
import { Alert } from '../ui/Alert';
import { CheckboxField, Field } from '../ui/Field';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, LoadingBlock, QueryError } from '../ui/states';
import { TableWrap } from '../ui/TableWrap';
import { useFormSubmit } from '../ui/useFormSubmit';
import { invalidateSales } from './invalidate';
import { SaleStatusBadge } from './SalesPage';
import { SaleSummary } from './SaleSummary';
import './sales.css';

export default function SalePage() {
  const { id = '' } = useParams();
  const sale = useQuery(trpc.sales.get.queryOptions({ id }));
  if (sale.isError) {
    return (
      <>
        <PageHeader title="Sale" />
        <QueryError error={sale.error} retry={() => void sale.refetch()} />
        <p>
          <Link to="/sales">Back to the sales</Link>
        </p>
      </>
    );
  }
  if (!sale.data) return <LoadingBlock height="30rem" label="Loading the sale…" />;
  return <SaleDetails sale={sale.data} />;
}

/** A changed sale: shown at once, and every list and figure it is part of reloads. */
const saved = async (sale: SaleOutput) => {
  queryClient.setQueryData(trpc.sales.get.queryKey({ id: sale.id }), sale);
  await invalidateSales();
};

function SaleDetails({ sale }: { sale: SaleOutput }) {
  const { currency } = useVendor();
  const canSell = useCan('staff');
  const canVoid = useCan('admin');
  const [dialog, setDialog] = useState<'void' | 'return' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const stores = useQuery(trpc.stores.list.queryOptions({ includeArchived: true }));
  const store = stores.data?.find((s) => s.id === sale.storeId);
  const money = (value: string) => formatMoney(value, currency);
  const returnable = sale.status === 'completed' && sale.lines.some((line) => line.quantity > line.returnedQuantity);
  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
  };
  return (
    <>
      <PageHeader
        title={`Sale ${sale.number}`}
        actions={
          <>
            {canSell && returnable && (
              <button type="button" className="button" onClick={() => setDialog('return')}>
                Return items
              </button>
            )}
            {canVoid && sale.status === 'completed' && (
              <button type="button" className="button button--danger" onClick={() => setDialog('void')}>
                Void sale
              </button>
            )}
          </>
        }
      >
        <p className="muted">
          {formatDateTime(sale.createdAt)} · {store?.name} <SaleStatusBadge sale={sale} />
        </p>
      </PageHeader>
      <Alert tone="success">{notice}</Alert>
      <div className="sale-page">
        <section className="panel" aria-labelledby="sale-lines-title">
          <h2 id="sale-lines-title">Lines and payments</h2>
          <SaleSummary sale={sale} currency={currency} />
        </section>
        <div className="stack">
          <section className="panel" aria-labelledby="sale-facts-title">
            <h2 id="sale-facts-title">Details</h2>
            <dl className="facts">
              <div>
                <dt>Customer</dt>
                <dd>{[sale.customerName, sale.customerEmail].filter(Boolean).join(' · ') || '—'}</dd>
              </div>
              {sale.note && (
                <div>
                  <dt>Note</dt>
                  <dd>{sale.note}</dd>
                </div>
              )}
              {sale.status === 'voided' && (
                <div>
                  <dt>Voided</dt>
                  <dd>
                    {sale.voidedAt && formatDateTime(sale.voidedAt)}: {sale.voidReason}
                  </dd>
                </div>
              )}
            </dl>
          </section>
          <section className="panel" aria-labelledby="sale-returns-title">
            <h2 id="sale-returns-title">Returns</h2>
            {sale.returns.length === 0 ? (
              <EmptyState title="No returns." />
            ) : (
              <TableWrap label="Returns">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Items</th>
                      <th scope="col" className="num">Refund</th>
                      <th scope="col" className="num">Tax</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sale.returns.map((ret) => (
                      <tr key={ret.id}>
                        <td>
                          {formatDateTime(ret.createdAt)}
                          {ret.reason && <span className="muted sale-lines__sku">{ret.reason}</span>}
                        </td>
                        <td>
                          {ret.lines
                            .map((l) => `${formatCount(l.quantity)} × ${sale.lines.find((line) => line.id === l.lineId)?.name ?? ''}`)
                            .join(', ')}
                          {!ret.restock && <span className="muted sale-lines__sku">not restocked</span>}
                        </td>
                        <td className="num">{money(ret.refund)}</td>
                        <td className="num">{money(ret.taxRefunded)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
        </div>
      </div>
      <Dialog title={`Void sale ${sale.number}?`} open={dialog === 'void'} onClose={() => setDialog(null)}>
        <VoidForm sale={sale} onDone={() => done(`Sale ${sale.number} is voided; its units are back in stock.`)} onCancel={() => setDialog(null)} />
      </Dialog>
      <Dialog title={`Return items of ${sale.number}`} open={dialog === 'return'} onClose={() => setDialog(null)}>
        <ReturnForm sale={sale} currency={currency} onDone={done} onCancel={() => setDialog(null)} />
      </Dialog>
    </>
  );
}

const voidForm = z.object({ reason: voidSaleInput.shape.reason });

function VoidForm({ sale, onDone, onCancel }: { sale: SaleOutput; onDone: () => void; onCancel: () => void }) {
  const form = useForm({ resolver: zodResolver(voidForm), defaultValues: { reason: '' } });
  const voidSale = useMutation(trpc.sales.void.mutationOptions());
  const { onSubmit, formError, submitting } = useFormSubmit(form, async ({ reason }) => {
    await saved(await voidSale.mutateAsync({ id: sale.id, reason }));
    onDone();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="stack">
      <p>
        Every unit not yet returned goes back into stock, and the sale counts in no report. This cannot be undone.
      </p>
      <Field label="Reason" error={form.formState.errors.reason?.message}>
        <input autoComplete="off" {...form.register('reason')} />
      </Field>
      <Alert>{formError}</Alert>
      <div className="button-row">
        <button type="submit" className="button button--danger" disabled={submitting}>
          {submitting ? 'Voiding…' : 'Void the sale'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </form>
  );
}

const wholeUnits = z.string().trim().regex(/^\d{0,6}$/, 'must be a whole number');
const returnForm = (sale: SaleOutput) =>
  z
    .object({
      lines: z.array(z.object({ quantity: wholeUnits })),
      restock: z.boolean(),
      refund: z.string().trim().refine((value) => value === '' || isMoney(value), 'must be an amount such as 12.50'),
      reason: optionalText(returnSaleInput.shape.reason),
    })
    .superRefine((values, ctx) => {
      values.lines.forEach((line, index) => {
        const left = sale.lines[index]!.quantity - sale.lines[index]!.returnedQuantity;
        if (Number(line.quantity || 0) > left) ctx.addIssue({ code: 'custom', path: ['lines', index, 'quantity'], message: `at most ${left} can be returned` });
      });
      if (!values.lines.some((line) => Number(line.quantity || 0) > 0)) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'choose at least one unit to return' });
    });

/** The default refund of these quantities, as the server computes it (the contract's lineRefund). */
function defaultRefund(sale: SaleOutput, quantities: string[]): string {
  return fromCents(
    sumCents(
      sale.lines.map((line, index) => {
        const quantity = Number(quantities[index] || 0);
        return Number.isInteger(quantity) && quantity > 0 && quantity <= line.quantity - line.returnedQuantity ? lineRefund(line, quantity) : 0n;
      }),
    ),
  );
}

interface ReturnFormProps {
  sale: SaleOutput;
  currency: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

function ReturnForm({ sale, currency, onDone, onCancel }: ReturnFormProps) {
  const form = useForm({
    resolver: zodResolver(returnForm(sale)),
    defaultValues: { lines: sale.lines.map(() => ({ quantity: '' })), restock: true, refund: '', reason: '' },
  });
  const returnSale = useMutation(trpc.sales.return.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const quantities = useWatch({ control: form.control, name: 'lines' }).map((line) => line.quantity);
  const refundDefault = defaultRefund(sale, quantities);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    // Only the lines with units go to the server; its issues name them by their place in that list.
    const chosen = values.lines.map((line, index) => ({ index, quantity: Number(line.quantity || 0) })).filter((line) => line.quantity > 0);
    try {
      const result = await returnSale.mutateAsync({
        id: sale.id,
        lines: chosen.map(({ index, quantity }) => ({ lineId: sale.lines[index]!.id, quantity })),
        restock: values.restock,
        ...(values.refund && { refund: values.refund }),
        reason: values.reason,
      });
      await saved(result.sale);
      const units = chosen.reduce((sum, line) => sum + line.quantity, 0);
      onDone(`${formatCount(units)} ${units === 1 ? 'unit' : 'units'} returned, ${formatMoney(result.return.refund, currency)} refunded${values.restock ? ' and back in stock' : ''}.`);
    } catch (error) {
      for (const issue of errorData(error)?.issues ?? []) {
        if (issue.path[0] === 'lines' && typeof issue.path[1] === 'number') issue.path[1] = chosen[issue.path[1]]?.index ?? issue.path[1];
      }
      setFormError(applyServerErrors(error, form.setError, ['refund', 'reason', ...sale.lines.map((_, index) => `lines.${index}.quantity`)]));
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="stack">
      <fieldset>
        <legend>Units to return</legend>
        {sale.lines.map((line, index) => {
          const left = line.quantity - line.returnedQuantity;
          return (
            <div key={line.id} className="return-line">
              <div>
                <strong>{line.name}</strong>
                <span className="muted sale-lines__sku">
                  {line.sku} · {formatCount(left)} of {formatCount(line.quantity)} returnable · {formatMoney(line.lineTotal, currency)}
                </span>
              </div>
              <Field label="Units" error={errors.lines?.[index]?.quantity?.message}>
                <input
                  aria-label={`Units of ${line.name}`}
                  inputMode="numeric"
                  placeholder="0"
                  autoComplete="off"
                  disabled={left === 0}
                  {...form.register(`lines.${index}.quantity`)}
                />
              </Field>
            </div>
          );
        })}
        {errors.lines?.message && <p className="field__error">{errors.lines.message}</p>}
        {errors.lines?.root?.message && <p className="field__error">{errors.lines.root.message}</p>}
      </fieldset>
      <CheckboxField label="Put the units back in stock">
        <input type="checkbox" {...form.register('restock')} />
      </CheckboxField>
      <Field label="Refund (before tax)" hint={`Default: ${formatMoney(refundDefault, currency)}, the returned units' share. A lower amount may be given.`} error={errors.refund?.message}>
        <input inputMode="decimal" placeholder={refundDefault} autoComplete="off" {...form.register('refund')} />
      </Field>
      <Field label="Reason (optional)" error={errors.reason?.message}>
        <input autoComplete="off" {...form.register('reason')} />
      </Field>
      <Alert>{formError}</Alert>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Returning…' : toCents(refundDefault) > 0n ? `Return and refund` : 'Return'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
