import { p } from '@mikro-orm/core';
import { newId } from '../core/ids.js';

/** Columns every table shares: a v7 UUID key and creation/update timestamps. */
export const idColumn = () => p.uuid().primary().onCreate(() => newId());
export const createdAtColumn = () => p.datetime().onCreate(() => new Date());
export const updatedAtColumn = () =>
  p.datetime().onCreate(() => new Date()).onUpdate(() => new Date());
