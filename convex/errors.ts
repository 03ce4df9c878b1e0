/**
 * Expected failures, shared with the UI. Functions throw `appError(code, message)`;
 * the UI shows `error.data.message` (see lib/errors.ts).
 */
import { ConvexError } from "convex/values";

export const ERROR_CODES = [
  "NOT_SIGNED_IN",
  "FORBIDDEN",
  "NOT_PLATFORM_ADMIN",
  "NOT_ORG_ADMIN",
  "MISSING_PERMISSION",
  "OUTSIDE_TEAM_SCOPE",
  "NOT_FOUND",
  "INVALID_INPUT",
  "INVALID_EMAIL",
  "NOT_AVAILABLE",
  "RATE_LIMITED",
  "COHORT_FULL",
  "COHORT_NOT_OPEN",
  "ALREADY_ENROLLED",
  "ALREADY_WAITLISTED",
  "OFFER_EXPIRED",
  "NO_SEATS_LEFT",
  "INVITE_INVALID",
  "INVITE_EXPIRED",
  "INVITE_REVOKED",
  "INVITE_USED",
  "ACCESS_EXPIRED",
  "PAYMENT_FAILED",
  "VIEW_NOT_LOGGED",
  "EMAIL_TAKEN",
  "LINK_INVALID",
  "LINK_EXPIRED",
  "CODE_INVALID",
  "CODE_EXPIRED",
  "CODE_EXHAUSTED",
  "CODE_NOT_APPLICABLE",
  "ENROLLMENT_NOT_ACTIVE",
  "CHOICE_MADE",
  "OUTSIDE_POLICY_WINDOW",
  "REQUEST_ALREADY_OPEN",
  "REQUEST_CLOSED",
  "STEP_LOCKED",
  "ALREADY_IN_PATH",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type AppErrorData = { code: ErrorCode; message: string };

export function appError(code: ErrorCode, message: string) {
  return new ConvexError<AppErrorData>({ code, message });
}

export function isAppErrorData(data: unknown): data is AppErrorData {
  return (
    typeof data === "object" &&
    data !== null &&
    typeof (data as AppErrorData).code === "string" &&
    (ERROR_CODES as readonly string[]).includes((data as AppErrorData).code) &&
    typeof (data as AppErrorData).message === "string"
  );
}
