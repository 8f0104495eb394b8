import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { SaleOutput } from '@api/modules/sales/contract';
import type { StoreOutput } from '@api/modules/vendors/contract';
import { useMe } from '../auth/useMe';
import { formatDateTime } from '../lib/format';
import { formatMoney, toCents } from '../lib/money';
import { SaleSummary } from './SaleSummary';

interface ReceiptProps {
  sale: SaleOutput;
  store: StoreOutput | undefined;
  currency: string;
  onNewSale: () => void;
}

/** The sale just made, as the customer's receipt (print styles keep only this), and the next sale. */
export function Receipt({ sale, store, currency, onNewSale }: ReceiptProps) {
  const { vendor } = useMe();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="receipt-page">
      <article className="panel receipt" aria-labelledby="receipt-title">
        <header className="receipt__head">
          <h2 id="receipt-title" ref={heading} tabIndex={-1}>
            Receipt {sale.number}
          </h2>
          <p className="receipt__shop">{vendor?.name}</p>
          <p className="muted">
            {store?.name}
            {store?.address && ` · ${store.address}`}
          </p>
          <p className="muted">{formatDateTime(sale.createdAt)}</p>
          {sale.customerName && <p>Customer: {sale.customerName}</p>}
        </header>
        <SaleSummary sale={sale} currency={currency} />
        {toCents(sale.changeDue) > 0n && (
          <p className="receipt__change no-print" role="status">
            Give {formatMoney(sale.changeDue, currency)} in change.
          </p>
        )}
        <p className="receipt__thanks">Thank you!</p>
      </article>
      <div className="button-row no-print">
        <button type="button" className="button button--primary" onClick={onNewSale}>
          New sale
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          Print receipt
        </button>
        <Link to={`/sales/${sale.id}`} className="button button--ghost">
          Open the sale
        </Link>
      </div>
    </div>
  );
}
