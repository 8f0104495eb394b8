import type { IUser } from './entities.js';

export const toUserDto = (u: IUser) => ({
  id: u.id,
  email: u.email,
  firstName: u.firstName ?? null,
  lastName: u.lastName ?? null,
});
