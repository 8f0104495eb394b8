import { TRPCError } from '@trpc/server';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { accessOf, procedureAccess, routeAccess } from '../src/core/permissions.js';
import { VendorMember } from '../src/modules/vendors/entities.js';
import { appRouter } from '../src/router.js';
import { allowed, callers, PERMISSIONS_DOC, withPermissions } from '../scripts/permissions-table.js';
import { app } from './support/app.js';
import { tableFingerprints } from './support/fingerprint.js';
import { callerAs, expectTRPCError, joinAs, signUp } from './support/fixtures.js';
import { startHttpApp } from './support/http.js';
import { errorOf, restCall } from './support/rest.js';

/**
 * The matrix columns, plus a member removed from one vendor who owns another: the vendor tier
 * must judge them by the membership they work in now. (A probe input names no record, so
 * cross-vendor ids are checked per procedure in the domain tests: they answer NOT_FOUND.)
 */
const kinds = [...callers, 'owner elsewhere'] as const;
type CallerKind = (typeof kinds)[number];
const roleOf = (kind: CallerKind) => (kind === 'owner elsewhere' ? 'owner' : kind);
type Caller = ReturnType<typeof callerAs>;

const procedures = Object.keys(appRouter._def.procedures);

/** An input no procedure accepts: allowed callers get BAD_REQUEST (or a read), never a write. */
const PROBE = { probe: 'not a valid input' };

/** The access token of a fresh caller of this kind. */
async function tokenOf(kind: CallerKind): Promise<string | undefined> {
  if (kind === 'anonymous') return undefined;
  const owner = await signUp();
  if (kind === 'owner') return owner.accessToken;
  if (kind === 'owner elsewhere') {
    const removed = await joinAs(owner, 'admin');
    await owner.caller.members.remove({ memberId: removed.memberId });
    await callerAs(removed.accessToken).vendors.create({ name: 'Elsewhere' });
    return removed.accessToken;
  }
  if (kind === 'no vendor') {
    await app().orm.em.fork().nativeUpdate(VendorMember, { user: owner.user.id }, { status: 'revoked', isPrimary: false });
    return owner.accessToken;
  }
  return (await joinAs(owner, kind)).accessToken;
}

/** Calls a procedure by its path and answers the outcome: 'ok' or the tRPC error code. */
async function outcome(caller: Caller, path: string): Promise<string> {
  const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    await procedure(PROBE);
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

let http: Awaited<ReturnType<typeof startHttpApp>>;

/** The same probe at the procedure's REST route (path params named "missing"): 'ok' or the error code. */
async function restOutcome(token: string | undefined, path: string): Promise<string> {
  const answer = await restCall(http.baseUrl, path, PROBE, token);
  return answer.status === 200 ? 'ok' : errorOf(answer).code;
}

/** How the walk reaches a procedure: in-process through tRPC, or over HTTP at its REST route. */
const transports = {
  tRPC: (token: string | undefined) => (path: string) => outcome(callerAs(token), path),
  REST: (token: string | undefined) => (path: string) => restOutcome(token, path),
};

/** A fingerprint of every row of every table, to prove the walk changed nothing. */
const databaseFingerprint = async () => [...(await tableFingerprints()).values()].join(':');

describe('permission matrix', () => {
  before(async () => (http = await startHttpApp()));
  after(() => http.stop());

  it('declares every procedure of the router in src/core/permissions.ts, and nothing else', () => {
    expect(procedures.filter((p) => !accessOf(p)), 'procedures missing from procedureAccess').to.deep.equal([]);
    expect(Object.keys(procedureAccess).filter((p) => !procedures.includes(p)), 'entries without a procedure').to.deep.equal([]);
  });

  it(`${PERMISSIONS_DOC} is up to date (npm run docs:permissions)`, () => {
    const readme = readFileSync(PERMISSIONS_DOC, 'utf8');
    expect(readme).to.equal(withPermissions(readme));
  });

  it('checks the role before reading the input: staff get FORBIDDEN, not BAD_REQUEST, for an admin procedure', async () => {
    const staff = callerAs(await tokenOf('staff'));
    await expectTRPCError(staff.members.updateRole({ memberId: 'not-a-uuid', role: 'owner' }), 'FORBIDDEN');
  });

  for (const [transport, callAs] of Object.entries(transports)) {
    for (const kind of kinds) {
      it(`${transport}, ${kind}: every procedure answers as the matrix says, and changes nothing`, async () => {
        const call = callAs(await tokenOf(kind));
        const before = await databaseFingerprint();
        const mismatches: string[] = [];
        for (const path of procedures) {
          const got = await call(path);
          const access = accessOf(path)!;
          const want = allowed(access, roleOf(kind)) ? 'allowed' : kind === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
          const matches = want === 'allowed' ? !['UNAUTHORIZED', 'FORBIDDEN', 'INTERNAL_SERVER_ERROR'].includes(got) : got === want;
          if (!matches) mismatches.push(`${path} (${access}): expected ${want}, got ${got}`);
        }
        expect(mismatches).to.deep.equal([]);
        expect(await databaseFingerprint(), 'the walk wrote to the database').to.equal(before);
      });
    }
  }

  it('the CSV export routes answer every kind of caller as the matrix says', async () => {
    const mismatches: string[] = [];
    for (const kind of kinds) {
      const token = await tokenOf(kind);
      for (const [route, access] of Object.entries(routeAccess)) {
        // A probe no export accepts: an allowed caller gets 400, as a procedure's does.
        const res = await fetch(`${http.baseUrl}${route.split(' ')[1]}?probe=1`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
        const { error } = (await res.json()) as { error: { code: string } };
        const want = allowed(access, roleOf(kind)) ? 'BAD_REQUEST' : kind === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
        if (error.code !== want) mismatches.push(`${kind}, ${route} (${access}): expected ${want}, got ${error.code}`);
      }
    }
    expect(mismatches).to.deep.equal([]);
  });
});
