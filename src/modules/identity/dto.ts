import type { UserOutput } from './contract.js';
import type { IUser } from './entities.js';

export const toUserDto = (u: IUser): UserOutput => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName ?? null,
  lastName: u.lastName ?? null,
});
