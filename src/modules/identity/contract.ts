import { z } from 'zod';
import { secretTokenSchema } from '../../contract/common.js';
import { idSchema } from '../../contract/ids.js';
import { emailSchema, jsonObject, label, text, webUrl } from '../../contract/text.js';
import { memberRoles, memberStatuses, vendorRefOutput } from '../vendors/contract.js';

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);
/** What a sign-in may send: any password (old accounts may predate today's rules), bounded. */
const givenPassword = z.string().min(1).max(200);
const nameField = text(100);
const refreshToken = z.string().min(1).max(2000);

// Inputs
export const registerInput = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    passwordConfirm: z.string().max(200),
    vendorName: label(255).optional(),
    firstName: nameField.optional(),
    lastName: nameField.optional(),
    invitationToken: secretTokenSchema.optional(),
  })
  .strict()
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'does not match password' });
export const loginInput = z.object({ email: emailSchema, password: givenPassword }).strict();
export const refreshTokenInput = z.object({ refreshToken }).strict();
export const requestPasswordResetInput = z.object({ email: emailSchema }).strict();
export const resetPasswordInput = z.object({ token: secretTokenSchema, password: passwordSchema }).strict();
export const changePasswordInput = z.object({ currentPassword: givenPassword, newPassword: passwordSchema }).strict();

/** Free-form profile data a client keeps for its user, bounded so it stays a profile. */
export const profileMetadata = jsonObject({ maxDepth: 5, maxEntries: 200, maxLength: 16_384 });
const clearableText = (max: number) => text(max).nullable().optional();
export const updateProfileInput = z
  .object({
    firstName: clearableText(100),
    lastName: clearableText(100),
    phone: clearableText(40),
    bio: clearableText(5000),
    avatarUrl: webUrl().nullable().optional(),
    metadata: profileMetadata.optional(),
  })
  .strict();

// Outputs
export const userOutput = z
  .object({ id: idSchema, email: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable() })
  .meta({ id: 'User' });
export const tokensOutput = z.object({ accessToken: z.string(), refreshToken: z.string() });
export const loginOutput = tokensOutput.extend({ user: userOutput });
export const registerOutput = loginOutput.extend({ vendor: vendorRefOutput });
export const meOutput = z.object({
  user: userOutput,
  profile: z.object({
    phone: z.string().nullable(),
    bio: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
  }),
  memberships: z.array(
    z.object({ vendorId: idSchema, vendorName: z.string(), role: z.enum(memberRoles), isPrimary: z.boolean(), status: z.enum(memberStatuses) }),
  ),
  vendor: vendorRefOutput.nullable(),
  member: z.object({ id: idSchema, role: z.enum(memberRoles) }).nullable(),
});

export type UserOutput = z.infer<typeof userOutput>;
export type MeOutput = z.infer<typeof meOutput>;
