import bcrypt from 'bcrypt';

export const hashPassword = (password: string, cost: number) => bcrypt.hash(password, cost);

// Compared against when the email is unknown, so both failures cost one bcrypt round.
const unknownUserHash = bcrypt.hashSync('omni-stock-no-such-user', 4);

export const verifyPassword = (password: string, hash: string | undefined) =>
  bcrypt.compare(password, hash ?? unknownUserHash).then((ok) => ok && hash !== undefined);
