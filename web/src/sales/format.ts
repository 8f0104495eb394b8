import type { PaymentMethod, SaleStatus } from '@api/modules/sales/contract';

export const paymentLabels: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  trade: 'Trade-in',
  store_credit: 'Store credit',
  other: 'Other',
};

export const statusLabels: Record<SaleStatus, string> = { completed: 'Completed', voided: 'Voided' };
