import { auditEntities } from '../modules/audit/entities.js';
import { identityEntities } from '../modules/identity/entities.js';
import { importEntities } from '../modules/imports/entities.js';
import { inventoryEntities } from '../modules/inventory/entities.js';
import { salesEntities } from '../modules/sales/entities.js';
import { vendorEntities } from '../modules/vendors/entities.js';

/** Every entity of every domain; the ORM and the migration generator both read this list. */
export const entities = [...identityEntities, ...vendorEntities, ...inventoryEntities, ...salesEntities, ...importEntities, ...auditEntities];
