import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../core/errors.js';
import { preparedRows } from '../../../db/prepared.js';
import { sql, type Sql } from '../../../db/sql.js';
import { memberJsonSql, membershipCtes, type MemberOfRead, type Reader } from '../../vendors/selectors/primary-membership.js';
import { readableStoreSql } from '../../vendors/selectors/store-scope.js';
import type { ItemOutput } from '../contract.js';
import { itemJsonSql } from './item-json.js';

/**
 * items.get as one statement: the caller's membership and the item, if it is the member's
 * vendor's and in a store they read, with its card details and gallery as the API's JSON.
 */
export const getItemStatement = (userId: string, id: string): Sql => sql`with ${membershipCtes(userId)}
  select ${memberJsonSql} as member,
         (select ${itemJsonSql('i')} from items i
           where i.id = ${id} and i.vendor_id = (select vendor_id from member) and ${readableStoreSql('i.store_id')}) as item`;

/** One of the vendor's items in a store the caller reads (else NOT_FOUND). */
export async function getItem(em: EntityManager, reader: Reader, id: string): Promise<ItemOutput> {
  const [row] = await preparedRows<{ member: MemberOfRead | null; item: ItemOutput | null }>(em, getItemStatement(reader.userId, id));
  await reader.admit(row!.member);
  if (!row!.item) throw notFound('Item');
  return row!.item;
}
