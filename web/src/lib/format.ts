import type { ItemCategory, MovementReason } from '@api/modules/inventory/contract';

export const categoryLabels: Record<ItemCategory, string> = {
  trading_card: 'Trading card',
  sports_card: 'Sports card',
  video_game: 'Video game',
  console: 'Console',
  comic: 'Comic',
  toy: 'Toy',
  apparel: 'Apparel',
  sealed_product: 'Sealed product',
  accessory: 'Accessory',
  other: 'Other',
};

export const reasonLabels: Record<MovementReason, string> = {
  intake: 'Intake',
  sale: 'Sale',
  return: 'Return',
  adjustment: 'Adjustment',
  count: 'Stock count',
  damage: 'Damaged',
  transfer_in: 'Transfer in',
  transfer_out: 'Transfer out',
  import: 'Import',
};

/** A video game's completeness (attributes.completeness in the contract). */
export const completenessLabels: Record<string, string> = {
  loose: 'Loose (cartridge or disc only)',
  cib: 'Complete in box',
  box_manual: 'Box and manual',
  sealed: 'Sealed',
};

/** snake_case enum values people read: "reverse_holofoil" → "Reverse holofoil". */
export const humanize = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');

const number = new Intl.NumberFormat();
export const formatCount = (n: number) => number.format(n);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));
