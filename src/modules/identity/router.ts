import { router } from '../../trpc/procedures.js';
import { changePasswordProcedure } from './procedures/change-password.js';
import { loginProcedure } from './procedures/login.js';
import { logoutProcedure } from './procedures/logout.js';
import { activityProcedure } from './procedures/activity.js';
import { meProcedure } from './procedures/me.js';
import { refreshProcedure } from './procedures/refresh.js';
import { registerProcedure } from './procedures/register.js';
import { requestPasswordResetProcedure } from './procedures/request-password-reset.js';
import { resetPasswordProcedure } from './procedures/reset-password.js';
import { updateProfileProcedure } from './procedures/update-profile.js';

export const authRouter = router({
  register: registerProcedure,
  login: loginProcedure,
  refresh: refreshProcedure,
  logout: logoutProcedure,
  requestPasswordReset: requestPasswordResetProcedure,
  resetPassword: resetPasswordProcedure,
  changePassword: changePasswordProcedure,
});

export const usersRouter = router({
  me: meProcedure,
  updateProfile: updateProfileProcedure,
  activity: activityProcedure,
});
