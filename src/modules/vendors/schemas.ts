import { z } from 'zod';
import { idSchema } from '../../core/ids.js';
import { secretTokenSchema } from '../../core/secret-token.js';
import { storeTypes } from './entities.js';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const vendorFields = {
  name: z.string().trim().min(1).max(255),
  description: z.string().trim().max(5000).nullable().optional(),
  logoUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
  currency: z
    .string()
    .toUpperCase()
    .refine((c) => knownCurrencies.has(c), 'must be an ISO 4217 currency code'),
  lowStockThreshold: z.number().int().min(0).max(1_000_000),
};

export const storeFields = {
  name: z.string().trim().min(1).max(255),
  type: z.enum(storeTypes),
  address: z.string().trim().max(1000).nullable(),
};

export const storeIdInput = z.object({ storeId: idSchema }).strict();

export const memberIdInput = z.object({ memberId: idSchema }).strict();

export const invitationIdInput = z.object({ invitationId: idSchema }).strict();

/** invitations.accept / decline: the mailed token, or the id for the signed-in invitee. */
export const invitationRefInput = z.union([z.object({ token: secretTokenSchema }).strict(), invitationIdInput]);
