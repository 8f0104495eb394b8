import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { expect } from 'chai';
import type { AppErrorShape } from '../../src/contract/errors.js';
import type { MemberRole } from '../../src/modules/vendors/contract.js';
import { createCaller } from '../../src/caller.js';
import { appRouter } from '../../src/router.js';
import { app } from './app.js';

let sequence = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

export const PASSWORD = 'correct horse battery';

/** A caller with the given access token (none: an anonymous caller). */
export const callerAs = (accessToken?: string, ip = '127.0.0.1') => createCaller(app(), { accessToken, ip });

/** Registers a new user with their own vendor and returns everything a test needs to act as them. */
export async function signUp(overrides: { email?: string; vendorName?: string; firstName?: string } = {}) {
  const email = overrides.email ?? `${unique('user')}@example.test`;
  const result = await callerAs().auth.register({
    email,
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    vendorName: overrides.vendorName ?? unique('Vendor'),
    firstName: overrides.firstName,
  });
  return { ...result, email, password: PASSWORD, caller: callerAs(result.accessToken) };
}

export type SignedUp = Awaited<ReturnType<typeof signUp>>;

/**
 * Awaits a rejection and returns the error as a client would see it (the formatted shape):
 * `{ code, message, data }` with `data.issues`, `data.field`, ... from the error map.
 */
export async function expectTRPCError(promise: Promise<unknown>, code: TRPCError['code']) {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).to.be.instanceOf(TRPCError);
  const error = caught as TRPCError;
  expect(error.code, error.message).to.equal(code);
  return getErrorShape({ config: appRouter._def._config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined }) as AppErrorShape;
}

/** The paths of the validation issues in a formatted BAD_REQUEST. */
export const issuePaths = (shape: AppErrorShape) => (shape.data.issues ?? []).map((i) => i.path.join('.'));

/** Invites a new user into `owner`'s vendor with `role`; they register with the token (their only vendor). */
export async function joinAs(owner: SignedUp, role: MemberRole) {
  const email = `${unique(role)}@example.test`;
  const { token } = await owner.caller.invitations.create({ email, role });
  const result = await callerAs().auth.register({ email, password: PASSWORD, passwordConfirm: PASSWORD, invitationToken: token });
  const memberId = (await owner.caller.members.list()).find((m) => m.email === email)!.id;
  return { ...result, email, password: PASSWORD, memberId, caller: callerAs(result.accessToken) };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
