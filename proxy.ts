import {
  convexAuthNextjsMiddleware,
  createRouteMatcher,
  nextjsMiddlewareRedirect,
} from "@convex-dev/auth/nextjs/server";

const isSignInPage = createRouteMatcher(["/signin"]);
const needsSignIn = createRouteMatcher([
  "/learn(.*)",
  "/org(.*)",
  "/admin(.*)",
  "/teach(.*)",
  "/checkout(.*)",
  "/notifications(.*)",
  "/account(.*)",
  "/redeem(.*)",
]);

/**
 * Redirects are for comfort only: every Convex function checks its caller.
 * The middleware also redeems `?code=` from magic links into auth cookies.
 */
export default convexAuthNextjsMiddleware(
  async (request, { convexAuth }) => {
    if (isSignInPage(request) && (await convexAuth.isAuthenticated())) {
      return nextjsMiddlewareRedirect(request, "/learn");
    }
    if (needsSignIn(request) && !(await convexAuth.isAuthenticated())) {
      const next = request.nextUrl.pathname + request.nextUrl.search;
      return nextjsMiddlewareRedirect(request, `/signin?next=${encodeURIComponent(next)}`);
    }
  },
  { cookieConfig: { maxAge: 60 * 60 * 24 * 30 } },
);

export const config = {
  matcher: ["/((?!.*\\..*|_next).*)", "/", "/(api|trpc)(.*)"],
};
