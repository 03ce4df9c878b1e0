import Google from "@auth/core/providers/google";
import { Email } from "@convex-dev/auth/providers/Email";
import { convexAuth } from "@convex-dev/auth/server";
import { internal } from "./_generated/api";
import type { ActionCtx } from "./_generated/server";
import { magicLinkEmail } from "./users/model/emails";
import { googleSignInEnabled } from "./env";
import { sendEmail } from "./integrations/email";
import { MAGIC_LINK_PROVIDER, createOrUpdateUser } from "./users/model/accounts";

const MAGIC_LINK_MINUTES = 30;

/** Magic links go out through our mailer: Resend in production, the dev mailbox locally. */
const magicLink = Email({
  id: MAGIC_LINK_PROVIDER,
  authorize: undefined, // link-only: the code alone signs in
  maxAge: MAGIC_LINK_MINUTES * 60,
  sendVerificationRequest: async (params: { identifier: string; url: string }, ctx?: unknown) => {
    await (ctx as ActionCtx).runMutation(internal.users.account.limitSignInLink, { email: params.identifier });
    await sendEmail(ctx as ActionCtx, {
      to: params.identifier,
      ...(await magicLinkEmail(params.url, MAGIC_LINK_MINUTES)),
      actionUrl: params.url,
    });
  },
} as Parameters<typeof Email>[0]);

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: googleSignInEnabled() ? [Google, magicLink] : [magicLink],
  callbacks: {
    createOrUpdateUser: async (ctx, args) =>
      await createOrUpdateUser(ctx as never, { existingUserId: args.existingUserId, profile: args.profile as never }),
  },
});
