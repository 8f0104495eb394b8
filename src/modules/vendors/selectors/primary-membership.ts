import type { EntityDictionary } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User, type IUser } from '../../identity/entities.js';
import { preparedRows } from '../../../db/prepared.js';
import { sql, unsafeSql, type Sql } from '../../../db/sql.js';
import { Vendor, VendorMember, type IVendor, type IVendorMember } from '../entities.js';

interface MembershipRow {
  member: EntityDictionary<IVendorMember>;
  user: EntityDictionary<IUser>;
  vendor: EntityDictionary<IVendor>;
}

/**
 * The membership an active user is working in: primary, active, of an active vendor, with the
 * user and the vendor as managed entities. This runs on every vendor-scoped request, so it is one
 * hand-written query mapped into the identity map: the equivalent joined `findOne` spent about
 * three times more CPU building the query and hydrating than the round trip itself.
 */
export async function findPrimaryMembership(em: EntityManager, userId: string): Promise<IVendorMember | null> {
  const [row] = await preparedRows<MembershipRow>(
    em,
    sql`select row_to_json(m) as member, row_to_json(u) as "user", row_to_json(v) as vendor
          from vendor_members m
          join users u on u.id = m.user_id and u.is_active
          join vendors v on v.id = m.vendor_id and v.is_active
         where m.user_id = ${userId} and m.is_primary and m.status = 'active'
         limit 1`,
  );
  if (!row) return null;
  em.map(User, row.user);
  em.map(Vendor, row.vendor);
  // Its user and vendor references resolve to the two entities just mapped.
  return em.map(VendorMember, row.member);
}

/** The membership columns a one-statement read returns (see `membershipCtes`). */
export interface MemberOfRead {
  id: string;
  role: IVendorMember['role'];
  vendorId: string;
}

/**
 * What a procedure of the one-statement read tier (vendorReadProcedure) gets instead of ctx.member:
 * the user id its statement looks the membership up for, and `admit`, which refuses the caller
 * unless the membership the statement returned exists and has the path's role.
 */
export interface Reader {
  userId: string;
  admit(member: MemberOfRead | null): Promise<MemberOfRead>;
}

/**
 * The membership of `findPrimaryMembership` as common table expressions, for a read that checks
 * the caller and does its work in one statement (src/trpc/procedures.ts, vendorReadProcedure):
 * `member` (at most one row: id, role, vendor_id, low_stock_threshold, all_stores) and `readable`
 * (the active stores granted to a member who does not see them all). The read's own conditions
 * hang off `(select vendor_id from member)`, so without a membership it matches nothing; the
 * statement returns `memberJsonSql` for the tier to admit or refuse the caller.
 */
export const membershipCtes = (userId: string): Sql => sql`member as (
    select m.id, m.role, m.vendor_id, v.low_stock_threshold, m.role in ('owner', 'admin') as all_stores
      from vendor_members m
      join users u on u.id = m.user_id and u.is_active
      join vendors v on v.id = m.vendor_id and v.is_active
     where m.user_id = ${userId} and m.is_primary and m.status = 'active'
     limit 1
  ), readable as (
    select sa.store_id from store_access sa join stores s on s.id = sa.store_id and s.is_active
     where sa.member_id = (select id from member) and not (select all_stores from member)
  )`;

/** The `member` row as JSON (a MemberOfRead), or null without a membership. */
export const memberJsonSql = unsafeSql(`(select json_build_object('id', id, 'role', role, 'vendorId', vendor_id) from member)`);
