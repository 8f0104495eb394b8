import type { SaleOutput } from '@api/modules/sales/contract';
import { formatCount } from '../lib/format';
import { formatMoney, toCents } from '../lib/money';
import { TableWrap } from '../ui/TableWrap';
import { paymentLabels } from './format';

/** A sale's lines, totals and payments as the receipt and the sale page show them. */
export function SaleSummary({ sale, currency }: { sale: SaleOutput; currency: string }) {
  const money = (value: string) => formatMoney(value, currency);
  const returned = sale.lines.some((line) => line.returnedQuantity > 0);
  return (
    <>
      <TableWrap label={`Lines of sale ${sale.number}`}>
        <table className="data-table sale-lines">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num sale-lines__wide">Qty</th>
              {returned && <th scope="col" className="num">Returned</th>}
              <th scope="col" className="num sale-lines__wide">Price</th>
              <th scope="col" className="num sale-lines__wide">Discount</th>
              <th scope="col" className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {sale.lines.map((line) => (
              <tr key={line.id}>
                <th scope="row">
                  {line.name}
                  <span className="muted sale-lines__sku">{line.sku}</span>
                  <span className="muted sale-lines__narrow">
                    {formatCount(line.quantity)} × {money(line.unitPrice)}
                    {toCents(line.discount) > 0n && ` − ${money(line.discount)}`}
                  </span>
                </th>
                <td className="num sale-lines__wide">{formatCount(line.quantity)}</td>
                {returned && <td className="num">{formatCount(line.returnedQuantity)}</td>}
                <td className="num sale-lines__wide">{money(line.unitPrice)}</td>
                <td className="num sale-lines__wide">{toCents(line.discount) > 0n ? `−${money(line.discount)}` : '—'}</td>
                <td className="num">{money(line.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <dl className="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(sale.subtotal)}</dd>
        </div>
        {toCents(sale.discount) > 0n && (
          <div>
            <dt>Sale discount</dt>
            <dd>−{money(sale.discount)}</dd>
          </div>
        )}
        <div>
          <dt>Tax ({sale.taxRate}%)</dt>
          <dd>{money(sale.tax)}</dd>
        </div>
        <div className="totals__grand">
          <dt>Total</dt>
          <dd>{money(sale.total)}</dd>
        </div>
        {sale.payments.map((payment, n) => (
          <div key={n}>
            <dt>
              {paymentLabels[payment.method]}
              {payment.tendered && <span className="muted"> (tendered {money(payment.tendered)})</span>}
            </dt>
            <dd>{money(payment.amount)}</dd>
          </div>
        ))}
        {toCents(sale.changeDue) > 0n && (
          <div className="totals__change">
            <dt>Change due</dt>
            <dd>{money(sale.changeDue)}</dd>
          </div>
        )}
      </dl>
    </>
  );
}
