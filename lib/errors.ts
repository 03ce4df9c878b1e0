import { ConvexError } from "convex/values";
import { isAppErrorData, type ErrorCode } from "@/convex/errors";

/** The message to show a person for any error a Convex call raised. */
export function errorMessage(error: unknown): string {
  if (error instanceof ConvexError && isAppErrorData(error.data)) return error.data.message;
  if (error instanceof ConvexError && typeof error.data === "string") return error.data;
  return "Something went wrong on our side. Please try again in a moment.";
}

export function errorCode(error: unknown): ErrorCode | null {
  return error instanceof ConvexError && isAppErrorData(error.data) ? error.data.code : null;
}
