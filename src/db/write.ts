import { DeadlockException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';
import type { AppServices } from '../services.js';
import type { IUser } from '../modules/identity/entities.js';
import { Vendor, VendorMember, type IVendor, type IVendorMember } from '../modules/vendors/entities.js';
import { redacted, type Changes } from '../modules/audit/changes.js';
import { newId } from '../core/ids.js';
import { insertRowsCte, type Sql } from './sql.js';

/**
 * Who writes, from where and why: the one context every service that writes takes. A request's
 * tRPC context is one (its procedure path is the action); scripts build one for the system with
 * `systemWriteContext`. `user`, `vendor` and `member` are null where nobody is signed in or
 * working in a vendor (register, login) and for the system.
 */
export interface WriteContext {
  readonly em: EntityManager;
  /** Mail, storage, configuration: what after-commit effects and rules need. */
  readonly services: AppServices;
  /** The procedure (`items.update`) or script (`script:seed-demo`) doing the write; audit events carry it. */
  readonly action: string;
  readonly user: IUser | null;
  readonly vendor: IVendor | null;
  readonly member: IVendorMember | null;
  readonly requestId: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly log: Logger;
}

/** A signed-in caller (the authed tier). */
export type UserWriteContext = WriteContext & { readonly user: IUser };
/** Work for one vendor: a member of it (the vendor tier), or a script acting for it (no member: every store). */
export type VendorWriteContext = WriteContext & { readonly vendor: IVendor };
/** A member working in their vendor (the vendor tier). */
export type MemberWriteContext = VendorWriteContext & { readonly user: IUser; readonly member: IVendorMember };

export interface AuditRecord {
  entity: string;
  entityId: string | null;
  /** `{ field: { before, after } }` for the changed fields only; secrets are redacted on the way in. */
  changes?: Changes;
  /** Defaults to the context's vendor; null for account events, which belong to no vendor. */
  vendorId?: string | null;
  /** Defaults to the context's user (e.g. the user who just signed in, for a login). */
  actorId?: string | null;
  /** Defaults to the context's action (e.g. `auth.loginFailed` from `auth.login`). */
  action?: string;
}

interface TransactionPowers {
  /** One audit event, written with the change it records (and rolled back with it). */
  audit(record: AuditRecord): void;
  /**
   * The audit events recorded so far and not yet written, as a data-modifying common table
   * expression (`audited as (insert ...)`) for the caller's own raw statement to write with its
   * change, one round trip less; null when there are none. Whatever is left is written before
   * the commit.
   */
  auditCte(): Sql | null;
  /** Work that must happen only once the transaction has committed: mail, storage deletes, jobs. */
  afterCommit(effect: () => Promise<unknown>): void;
}

/**
 * An open transaction: the caller's write context with the transaction's EntityManager, plus the
 * two things only a transaction can promise. Services called with one join it instead of
 * opening their own.
 */
export type Transaction<C extends WriteContext = WriteContext> = C & TransactionPowers;

const RETRIES = 3;

const isTransaction = <C extends WriteContext>(wc: C): wc is Transaction<C> => 'afterCommit' in wc;

/**
 * The one write path: runs `work` in a transaction (or joins the caller's), writes its audit
 * events in it, and runs after-commit effects once it committed. A deadlock or serialization
 * failure retries the whole work a few times (it must be safe to re-run: it reads what it
 * needs inside the transaction). A failing effect is logged with the request id and never
 * undoes the commit; nothing runs when the transaction rolls back.
 */
export async function write<C extends WriteContext, T>(wc: C, work: (tx: Transaction<C>) => Promise<T>): Promise<T> {
  if (isTransaction(wc)) return work(wc);
  for (let attempt = 1; ; attempt++) {
    const effects: (() => Promise<unknown>)[] = [];
    try {
      const result = await wc.em.transactional(async (em) => {
        const tx = openTransaction(wc, em, effects);
        const value = await work(tx);
        const audited = tx.auditCte();
        if (audited) await em.execute(`with ${audited.text} select 1`, [...audited.params], 'run');
        return value;
      });
      await runEffects(wc, effects);
      return result;
    } catch (error) {
      if (!(error instanceof DeadlockException) || attempt === RETRIES) throw error;
      wc.log.warn({ attempt, err: error }, 'transaction lost a deadlock or serialization race; retrying');
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

function openTransaction<C extends WriteContext>(wc: C, em: EntityManager, effects: (() => Promise<unknown>)[]): Transaction<C> {
  const { action, user, vendor, requestId, ip, userAgent } = wc;
  let pending: AuditRow[] = [];
  const powers: TransactionPowers = {
    audit(record) {
      pending.push({
        id: newId(),
        vendor_id: record.vendorId === undefined ? (vendor?.id ?? null) : record.vendorId,
        actor_id: record.actorId === undefined ? (user?.id ?? null) : record.actorId,
        action: record.action ?? action,
        entity: record.entity,
        entity_id: record.entityId,
        changes: redacted(record.changes ?? {}),
        request_id: requestId,
        ip,
        user_agent: userAgent,
        created_at: new Date(),
      });
    },
    auditCte() {
      if (!pending.length) return null;
      const rows = pending;
      pending = [];
      return insertRowsCte('audited', 'audit_events', rows);
    },
    afterCommit(effect) {
      effects.push(effect);
    },
  };
  return { ...wc, em, ...powers };
}

/** An `audit_events` row as written: raw SQL, not an entity, so no unit of work tracks it. */
interface AuditRow extends Record<string, unknown> {
  id: string;
  vendor_id: string | null;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  changes: Changes;
  request_id: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
}

async function runEffects(wc: WriteContext, effects: (() => Promise<unknown>)[]): Promise<void> {
  for (const effect of effects) {
    try {
      await effect();
    } catch (error) {
      wc.log.error({ err: error, requestId: wc.requestId, action: wc.action }, 'an after-commit effect failed; the write stands');
    }
  }
}

/**
 * The write context of a script acting as the system (no user, every store), for one vendor
 * (loaded into the context's own EntityManager) or none.
 */
export async function systemWriteContext(services: AppServices, script: string): Promise<WriteContext>;
export async function systemWriteContext(services: AppServices, script: string, vendorId: string): Promise<VendorWriteContext>;
export async function systemWriteContext(services: AppServices, script: string, vendorId?: string): Promise<WriteContext> {
  const em = services.orm.em.fork();
  const vendor = vendorId ? await em.findOneOrFail(Vendor, { id: vendorId }) : null;
  return {
    em,
    services,
    action: `script:${script}`,
    user: null,
    vendor,
    member: null,
    requestId: `script:${script}:${Date.now()}`,
    ip: null,
    userAgent: null,
    log: services.log,
  };
}

/**
 * The write context of a member working in their vendor, on its own EntityManager, as their
 * requests would build it: for a script acting as someone (the demo seed's sellers) and tests.
 */
export async function memberWriteContext(services: AppServices, action: string, memberId: string): Promise<MemberWriteContext> {
  const em = services.orm.em.fork();
  const member = await em.findOneOrFail(VendorMember, memberId, { populate: ['vendor', 'user'] });
  return { em, services, action, user: member.user, vendor: member.vendor, member, requestId: `${action}:${memberId}`, ip: null, userAgent: null, log: services.log };
}
