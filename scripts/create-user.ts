// npm run create-user -- --email ash@example.com --password 'at least 10 chars' [--vendor "Ash's Cards"] [--first-name Ash]
// Creates a user with their own vendor and default store, exactly like auth.register.
import { registerInput } from '../src/modules/identity/contract.js';
import { register } from '../src/modules/identity/services/register.js';
import { systemWriteContext } from '../src/db/write.js';
import { withRuntime } from '../src/runtime.js';
import { parseFlags } from './support/flags.js';
import { exitWithError } from './support/exit.js';

const flags = parseFlags();
const parsed = registerInput.safeParse({
  email: flags.email,
  password: flags.password,
  passwordConfirm: flags.password,
  vendorName: flags.vendor,
  firstName: flags['first-name'],
  lastName: flags['last-name'],
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  console.error("usage: npm run create-user -- --email EMAIL --password PASSWORD [--vendor NAME] [--first-name F] [--last-name L]");
  process.exit(2);
}
await withRuntime(async ({ services }) => {
  const { user, vendor } = await register(await systemWriteContext(services, 'create-user'), parsed.data);
  console.log(`created ${user.email} (user ${user.id}), owner of "${vendor.name}" (vendor ${vendor.id})`);
}).catch((error: unknown) => exitWithError(error));
