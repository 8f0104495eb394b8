import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldErrors, type UseFormReturn } from 'react-hook-form';
import { Link } from 'react-router';
import type { ItemOutput } from '@api/modules/inventory/contract';
import { paymentMethods, type PaymentMethod, type SaleOutput } from '@api/modules/sales/contract';
import type { StoreOutput } from '@api/modules/vendors/contract';
import { queryClient, trpc } from '../api/client';
import { applyServerErrors, describeError, errorData } from '../api/errors';
import { useVendor, vendorQuery } from '../auth/useMe';
import { formatCount } from '../lib/format';
import { formatMoney, toCents } from '../lib/money';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, LoadingBlock, QueryError } from '../ui/states';
import { fieldPaths } from '../ui/useFormSubmit';
import { cartSchema, cartTotals, defaultUnitPrice, emptyCart, newIdempotencyKey, type CartOutput, type CartValues } from './cart';
import { paymentLabels } from './format';
import { invalidateSales } from './invalidate';
import { Receipt } from './Receipt';
import { ScanField } from './ScanField';
import './sales.css';

/** The open cart of this tab (a till), with its retry key: a reload or a dropped connection loses nothing. */
const STORAGE_KEY = 'omni-stock.pos-cart';
interface Stored {
  values: CartValues;
  key: string;
}
function readCart(): Stored | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
    return stored && Array.isArray(stored.values?.lines) && typeof stored.key === 'string' ? stored : null;
  } catch {
    return null;
  }
}

export default function PosPage() {
  const stores = useQuery(trpc.stores.list.queryOptions());
  return (
    <>
      <PageHeader title="Point of sale" />
      {stores.isError ? (
        <QueryError error={stores.error} retry={() => void stores.refetch()} />
      ) : !stores.data ? (
        <LoadingBlock height="30rem" />
      ) : stores.data.length === 0 ? (
        <EmptyState title="There is no store you can sell in.">
          <p>Ask an admin of your shop to grant you a store with sales access.</p>
        </EmptyState>
      ) : (
        <Till stores={stores.data} />
      )}
    </>
  );
}

/** Why the last attempt failed, in words; `retry` when sending the same sale again may succeed. */
interface Failure {
  message: string;
  retry: boolean;
  /** The key was used by an earlier attempt that went through: the sale exists already. */
  sold?: boolean;
}

function Till({ stores }: { stores: StoreOutput[] }) {
  const { currency, taxRate } = useVendor();
  const defaultStore = stores.find((store) => store.isDefault) ?? stores[0]!;
  const [stored] = useState(readCart);
  const [key, setKey] = useState(() => stored?.key ?? newIdempotencyKey());
  const schema = useMemo(() => cartSchema(taxRate), [taxRate]);
  const form = useForm<CartValues, unknown, CartOutput>({
    resolver: zodResolver(schema),
    defaultValues: stored?.values.storeId && stores.some((s) => s.id === stored.values.storeId) ? stored.values : emptyCart(defaultStore.id),
  });
  const { control, register, formState } = form;
  const lines = useFieldArray({ control, name: 'lines' });
  const payments = useFieldArray({ control, name: 'payments' });
  const values = useWatch({ control }) as CartValues;
  const totals = cartTotals({ lines: values.lines ?? [], discount: values.discount ?? '', payments: values.payments ?? [] }, taxRate);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [receipt, setReceipt] = useState<SaleOutput | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const create = useMutation(trpc.sales.create.mutationOptions());

  useEffect(() => {
    const save = (next: CartValues) => sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ values: next, key }));
    save(form.getValues());
    return form.subscribe({ formState: { values: true }, callback: ({ values }) => save(values) });
  }, [form, key]);

  const addItem = (item: ItemOutput) => {
    setFailure(null);
    const current = form.getValues('lines');
    const index = current.findIndex((line) => line.itemId === item.id);
    if (index >= 0) {
      const quantity = Number(current[index]!.quantity) || 0;
      form.setValue(`lines.${index}.quantity`, String(quantity + 1), { shouldDirty: true });
      form.setValue(`lines.${index}.available`, item.quantity);
      form.clearErrors(`lines.${index}.quantity`);
    } else {
      lines.append(
        { itemId: item.id, sku: item.sku, name: item.name, unitPrice: defaultUnitPrice(item), available: item.quantity, quantity: '1', discount: '' },
        { shouldFocus: false },
      );
    }
    form.clearErrors('lines');
  };

  // A single payment added on an open amount pays the whole sale: its amount follows the total
  // while the cart changes, until someone types an amount (a split payment) or adds another.
  const [followTotal, setFollowTotal] = useState(false);
  const single = payments.fields.length === 1;
  useEffect(() => {
    if (followTotal && single && form.getValues('payments.0.amount') !== totals.total) form.setValue('payments.0.amount', totals.total);
  }, [followTotal, single, totals.total, form]);
  const addPayment = (method: PaymentMethod) => {
    const due = toCents(totals.due);
    setFollowTotal(payments.fields.length === 0);
    payments.append({ method, amount: due > 0n ? totals.due : '', tendered: '' }, { shouldFocus: true });
    form.clearErrors('payments');
  };

  const submit = form.handleSubmit(async (input) => {
    setFailure(null);
    try {
      const sale = await create.mutateAsync({ ...input, idempotencyKey: key });
      setReceipt(sale);
      form.reset(emptyCart(form.getValues('storeId')));
      setKey(newIdempotencyKey());
      void invalidateSales();
    } catch (error) {
      setFailure(describeFailure(error, form));
    }
  });

  /** An emptied cart is a new sale with a new key; an attempt that was never confirmed is pointed out. */
  const startOver = () => {
    setFailure(
      failure?.retry
        ? { message: 'The last attempt was not confirmed and may have gone through: check the sales list before selling those items again.', retry: false, sold: true }
        : null,
    );
    setFollowTotal(false);
    form.reset(emptyCart(form.getValues('storeId')));
    setKey(newIdempotencyKey());
  };
  const newSale = () => {
    setReceipt(null);
    setFailure(null);
    setFocusKey((n) => n + 1);
  };
  if (receipt) return <Receipt sale={receipt} store={stores.find((s) => s.id === receipt.storeId)} currency={currency} onNewSale={newSale} />;

  const money = (value: string) => formatMoney(value, currency);
  const { errors } = formState;
  const paymentsError = errors.payments?.message ?? errors.payments?.root?.message;
  const due = toCents(totals.due);
  const units = (values.lines ?? []).reduce((sum, line) => sum + (Number(line.quantity) || 0), 0);
  return (
    <div className="pos">
      <section className="panel pos__scan" aria-label="Scan">
        {stores.length > 1 && (
          <Field label="Store" hint={lines.fields.length > 0 ? 'Finish or empty the cart to sell from another store.' : undefined}>
            <select {...register('storeId')} disabled={lines.fields.length > 0}>
              {stores.map((store) => (
                <option key={store.id} value={store.id}>
                  {store.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <ScanField storeId={values.storeId || undefined} currency={currency} onAdd={addItem} focusKey={focusKey} />
      </section>

      <form onSubmit={(event) => void submit(event)} noValidate className="pos__sale" aria-label="Sale">
        <section className="panel pos__cart" aria-labelledby="cart-title">
          <div className="pos__cart-head">
            <h2 id="cart-title">Cart</h2>
            <span className="muted" aria-live="polite">
              {formatCount(units)} {units === 1 ? 'unit' : 'units'}
            </span>
            {lines.fields.length > 0 && (
              <button
                type="button"
                className="button button--ghost"
                onClick={startOver}
              >
                Empty cart
              </button>
            )}
          </div>
          {lines.fields.length === 0 ? (
            <EmptyState title="The cart is empty">
              <p>Scan a barcode, or type a SKU or a name and press Enter.</p>
              {errors.lines?.message && <p className="field__error">{errors.lines.message}</p>}
            </EmptyState>
          ) : (
            <ul className="cart">
              {lines.fields.map((field, index) => (
                <CartLineRow
                  key={field.id}
                  index={index}
                  form={form}
                  lineTotal={totals.lineTotals[index] ?? '0.00'}
                  money={money}
                  errors={errors}
                  onRemove={() => lines.remove(index)}
                />
              ))}
            </ul>
          )}
        </section>

        <section className="panel pos__pay" aria-labelledby="pay-title">
          <h2 id="pay-title">Payment</h2>
          <div className="form-row">
            <Field label="Sale discount" error={errors.discount?.message}>
              <input inputMode="decimal" placeholder="0.00" autoComplete="off" {...register('discount')} />
            </Field>
            <Field label="Customer (optional)" error={errors.customerName?.message}>
              <input autoComplete="off" {...register('customerName')} />
            </Field>
          </div>
          <dl className="totals" aria-live="polite">
            <div>
              <dt>Subtotal</dt>
              <dd>{money(totals.subtotal)}</dd>
            </div>
            <div>
              <dt>Discount</dt>
              <dd>−{money(totals.discount)}</dd>
            </div>
            <div>
              <dt>Tax ({taxRate}%)</dt>
              <dd>{money(totals.tax)}</dd>
            </div>
            <div className="totals__grand">
              <dt>Total</dt>
              <dd data-testid="cart-total">{money(totals.total)}</dd>
            </div>
          </dl>

          <fieldset className="payments">
            <legend className="visually-hidden">Payments</legend>
            {payments.fields.map((field, index) => (
              <PaymentRow
                key={field.id}
                index={index}
                form={form}
                errors={errors}
                onRemove={() => {
                  setFollowTotal(false);
                  payments.remove(index);
                }}
                onAmountTyped={() => setFollowTotal(false)}
              />
            ))}
            <div className="button-row" role="group" aria-label="Add a payment">
              {paymentMethods.map((method) => (
                <button key={method} type="button" className="button" onClick={() => addPayment(method)}>
                  + {paymentLabels[method]}
                </button>
              ))}
            </div>
            {paymentsError && <p className="field__error">{paymentsError}</p>}
          </fieldset>

          <dl className="totals">
            <div>
              <dt>Paid</dt>
              <dd>{money(totals.paid)}</dd>
            </div>
            <div className={due === 0n ? undefined : 'totals__due'}>
              <dt>{due < 0n ? 'Paid too much' : 'Still to pay'}</dt>
              <dd>{money(due < 0n ? totals.due.slice(1) : totals.due)}</dd>
            </div>
            <div className="totals__change">
              <dt>Change due</dt>
              <dd data-testid="change-due">{money(totals.changeDue)}</dd>
            </div>
          </dl>

          {failure && (
            <Alert>
              {failure.message}{' '}
              {failure.retry && (
                <button type="button" className="link-button" disabled={formState.isSubmitting} onClick={() => void submit()}>
                  Try again
                </button>
              )}
              {failure.sold && (
                <>
                  <Link to="/sales">Open the sales list</Link>{' '}
                  {lines.fields.length > 0 && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setKey(newIdempotencyKey());
                        setFailure(null);
                      }}
                    >
                      Sell this cart as a new sale
                    </button>
                  )}
                </>
              )}
            </Alert>
          )}
          <button type="submit" className="button button--primary button--block pos__complete" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Completing the sale…' : `Complete sale · ${money(totals.total)}`}
          </button>
        </section>
      </form>
    </div>
  );
}

type CartForm = UseFormReturn<CartValues, unknown, CartOutput>;

/** A failed sales.create in words, each problem on its field (short stock on its cart lines). */
function describeFailure(error: unknown, form: CartForm): Failure {
  const data = errorData(error);
  if (!data || data.code === 'SERVICE_UNAVAILABLE') {
    return { message: `The sale was not confirmed. ${describeError(error)} Trying again cannot sell it twice.`, retry: true };
  }
  if (data.code === 'CONFLICT' && data.shortItems?.length) {
    const lines = form.getValues('lines');
    for (const short of data.shortItems) {
      const index = lines.findIndex((line) => line.itemId === short.itemId);
      if (index < 0) continue;
      form.setValue(`lines.${index}.available`, short.available);
      form.setError(`lines.${index}.quantity`, {
        type: 'server',
        message: short.available === 0 ? 'Out of stock: none left.' : `Only ${formatCount(short.available)} in stock.`,
      });
    }
    return { message: 'Not enough stock for the marked items: lower their quantities or remove them.', retry: false };
  }
  if (data.code === 'CONFLICT' && data.field === 'idempotencyKey') {
    return {
      message: 'An earlier attempt of this sale went through before the cart was changed. Check the sales list before selling again.',
      retry: false,
      sold: true,
    };
  }
  // Amounts that do not add up may come from a tax rate changed since this page loaded.
  if (data.code === 'BAD_REQUEST') void queryClient.invalidateQueries({ queryKey: vendorQuery().queryKey });
  const rest = applyServerErrors(error, form.setError, fieldPaths(form.getValues()));
  return { message: rest ?? 'Please check the marked fields.', retry: false };
}

interface RowProps {
  index: number;
  form: CartForm;
  errors: FieldErrors<CartValues>;
  onRemove: () => void;
}

function CartLineRow({ index, form, errors, onRemove, lineTotal, money }: RowProps & { lineTotal: string; money: (value: string) => string }) {
  const id = useId();
  const line = useWatch({ control: form.control, name: `lines.${index}` });
  const quantity = Number(line.quantity) || 0;
  const error = errors.lines?.[index];
  const quantityError = error?.quantity?.message;
  const step = (by: number) => {
    form.setValue(`lines.${index}.quantity`, String(Math.max(1, quantity + by)), { shouldDirty: true });
    form.clearErrors(`lines.${index}.quantity`);
  };
  const short = !quantityError && quantity > line.available;
  return (
    <li className="cart-line">
      <div className="cart-line__item">
        <strong>{line.name}</strong>
        <span className="muted">
          {line.sku} · {money(line.unitPrice)} each
        </span>
      </div>
      <div className="cart-line__qty">
        <label htmlFor={`${id}-qty`} className="field__label">
          Quantity
        </label>
        <div className="stepper">
          <button type="button" className="icon-button" aria-label={`One less ${line.name}`} disabled={quantity <= 1} onClick={() => step(-1)}>
            −
          </button>
          <input
            id={`${id}-qty`}
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={quantityError ? true : undefined}
            aria-describedby={`${id}-qty-note`}
            {...form.register(`lines.${index}.quantity`)}
          />
          <button type="button" className="icon-button" aria-label={`One more ${line.name}`} onClick={() => step(1)}>
            +
          </button>
        </div>
        <p id={`${id}-qty-note`} className={quantityError ? 'field__error' : short ? 'field__warning' : 'field__hint'}>
          {quantityError ?? (short ? `Only ${formatCount(line.available)} in stock.` : `${formatCount(line.available)} in stock`)}
        </p>
      </div>
      <Field label="Discount" error={error?.discount?.message} className="cart-line__discount">
        <input inputMode="decimal" placeholder="0.00" autoComplete="off" {...form.register(`lines.${index}.discount`)} />
      </Field>
      <div className="cart-line__total">
        <span className="visually-hidden">Line total </span>
        {money(lineTotal)}
      </div>
      <button type="button" className="icon-button cart-line__remove" aria-label={`Remove ${line.name}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

function PaymentRow({ index, form, errors, onRemove, onAmountTyped }: RowProps & { onAmountTyped: () => void }) {
  const method = useWatch({ control: form.control, name: `payments.${index}.method` });
  const error = errors.payments?.[index];
  return (
    <div className="payment-row">
      <Field label="Method" error={error?.method?.message}>
        <select {...form.register(`payments.${index}.method`)}>
          {paymentMethods.map((m) => (
            <option key={m} value={m}>
              {paymentLabels[m]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Amount" error={error?.amount?.message}>
        <input inputMode="decimal" autoComplete="off" {...form.register(`payments.${index}.amount`, { onChange: onAmountTyped })} />
      </Field>
      {method === 'cash' && (
        <Field label="Cash tendered" error={error?.tendered?.message} className="payment-row__tendered">
          <input inputMode="decimal" placeholder="optional" autoComplete="off" {...form.register(`payments.${index}.tendered`)} />
        </Field>
      )}
      <button type="button" className="icon-button payment-row__remove" aria-label={`Remove payment ${index + 1}`} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}
