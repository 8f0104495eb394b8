import { z } from 'zod';
import { secretTokenSchema, timestampOutput } from '../../contract/common.js';
import { idSchema } from '../../contract/ids.js';
import { flag } from '../../contract/query.js';
import { emailSchema, label, text, webUrl } from '../../contract/text.js';

export const memberRoles = ['owner', 'admin', 'staff', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];
export const memberStatuses = ['pending', 'active', 'declined', 'revoked'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const invitationStatuses = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];
export const storeAccessRoles = ['manager', 'sales', 'view_only'] as const;
export type StoreAccessRole = (typeof storeAccessRoles)[number];
export const storeTypes = ['retail', 'online', 'popup', 'warehouse'] as const;

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** An IANA zone name ("Europe/Berlin", "UTC"): offsets ("+01:00") and unknown names are refused. */
const ZONE_NAME = /^[A-Za-z][\w+-]*(\/[\w+-]+)*$/;
const resolvedZone = (name: string): string | null => {
  if (!ZONE_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
};
/** The vendor's time zone, in the runtime's spelling ("america/new_york" → "America/New_York"). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((name) => resolvedZone(name) !== null, 'must be an IANA time zone name such as "Europe/Berlin" or "UTC"')
  .transform((name) => resolvedZone(name)!);

/**
 * A tax rate in percent, 0 to 100 with up to three decimals ("8.875"), as a decimal string;
 * normalised to the column's numeric(6,3) text ("8.5" → "8.500"), so equal rates compare equal.
 */
export const taxRateSchema = z
  .string()
  .trim()
  .regex(/^(100(\.0{1,3})?|\d{1,2}(\.\d{1,3})?)$/, 'must be a decimal string from 0 to 100 with at most 3 decimals')
  .transform((rate) => {
    const [whole = '0', decimals = ''] = rate.split('.');
    return `${whole.replace(/^0+(?=\d)/, '')}.${decimals.padEnd(3, '0')}`;
  });

const vendorFields = {
  name: label(255),
  description: text(5000).nullable().optional(),
  logoUrl: webUrl().nullable().optional(),
  currency: z
    .string()
    .toUpperCase()
    .refine((c) => knownCurrencies.has(c), 'must be an ISO 4217 currency code'),
  lowStockThreshold: z.number().int().min(0).max(1_000_000),
  timeZone: timeZoneSchema,
  taxRate: taxRateSchema,
};

const storeFields = {
  name: label(255),
  type: z.enum(storeTypes),
  address: text(1000).nullable(),
};

// Inputs
export const createVendorInput = z.object({ name: vendorFields.name, description: vendorFields.description }).strict();
export const updateVendorInput = z.object(vendorFields).partial().strict();
export const switchVendorInput = z.object({ vendorId: idSchema }).strict();
export const listStoresInput = z.object({ includeArchived: flag().prefault(false) }).strict().optional();
export const createStoreInput = z.object({ name: storeFields.name, type: storeFields.type.optional(), address: storeFields.address.optional() }).strict();
export const updateStoreInput = z.object({ storeId: idSchema, ...storeFields }).partial({ name: true, type: true, address: true }).strict();
export const storeIdInput = z.object({ storeId: idSchema }).strict();
export const grantStoreAccessInput = z.object({ storeId: idSchema, memberId: idSchema, role: z.enum(storeAccessRoles) }).strict();
export const revokeStoreAccessInput = z.object({ storeId: idSchema, memberId: idSchema }).strict();
export const memberIdInput = z.object({ memberId: idSchema }).strict();
export const updateMemberRoleInput = z.object({ memberId: idSchema, role: z.enum(memberRoles) }).strict();
export const createInvitationInput = z.object({ email: emailSchema, role: z.enum(memberRoles) }).strict();
export const invitationIdInput = z.object({ invitationId: idSchema }).strict();
/**
 * invitations.accept / decline: the mailed token, or the id for the signed-in invitee (exactly one).
 * One object rather than a union, so REST can describe it as one request body.
 */
export const invitationRefInput = z
  .object({ token: secretTokenSchema.optional(), invitationId: idSchema.optional() })
  .strict()
  .transform(({ token, invitationId }, ctx): { token: string } | { invitationId: string } => {
    if (token !== undefined && invitationId === undefined) return { token };
    if (invitationId !== undefined && token === undefined) return { invitationId };
    ctx.addIssue({ code: 'custom', message: 'give either token or invitationId' });
    return z.NEVER;
  });
/** How a caller names an invitation. */
export type InvitationRef = z.output<typeof invitationRefInput>;

// Outputs
export const vendorRefOutput = z.object({ id: idSchema, name: z.string(), slug: z.string() }).meta({ id: 'VendorRef' });
export const vendorOutput = vendorRefOutput
  .extend({
    description: z.string().nullable(),
    logoUrl: z.string().nullable(),
    currency: z.string(),
    lowStockThreshold: z.number().int(),
    /** IANA name; reports bucket days, weeks and months in it. */
    timeZone: z.string(),
    /** Percent with no trailing zeros ("8.875", "0"); sales take the rate at the moment they are made. */
    taxRate: z.string(),
  })
  .meta({ id: 'Vendor' });
export const myVendorOutput = vendorRefOutput.extend({ role: z.enum(memberRoles), isPrimary: z.boolean() });
export const storeOutput = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  type: z.enum(storeTypes),
  address: z.string().nullable(),
  isDefault: z.boolean(),
  isActive: z.boolean(),
}).meta({ id: 'Store' });
export const storeGrantOutput = z.object({ storeId: idSchema, memberId: idSchema, role: z.enum(storeAccessRoles) });
export const memberOutput = z.object({
  id: idSchema,
  userId: idSchema,
  email: z.string(),
  role: z.enum(memberRoles),
  status: z.enum(memberStatuses),
  isPrimary: z.boolean(),
}).meta({ id: 'Member' });
/** members.list: each member with the stores granted to them (owners and admins reach every store without grants). */
export const listedMemberOutput = memberOutput.extend({
  storeAccess: z.array(z.object({ storeId: idSchema, role: z.enum(storeAccessRoles) })),
}).meta({ id: 'ListedMember' });
export const invitationOutput = z.object({
  id: idSchema,
  email: z.string(),
  role: z.enum(memberRoles),
  status: z.enum(invitationStatuses),
  expiresAt: timestampOutput,
  createdAt: timestampOutput,
}).meta({ id: 'Invitation' });
/** The token is answered once, for a shareable link; `mailed: false` when the mail could not go out. */
export const createdInvitationOutput = invitationOutput.extend({ token: z.string(), mailed: z.boolean() });
export const myInvitationOutput = invitationOutput.extend({ vendor: vendorRefOutput });
export const acceptedInvitationOutput = z.object({ vendor: vendorOutput, member: memberOutput });

export type VendorOutput = z.infer<typeof vendorOutput>;
export type StoreOutput = z.infer<typeof storeOutput>;
export type MemberOutput = z.infer<typeof memberOutput>;
export type InvitationOutput = z.infer<typeof invitationOutput>;
