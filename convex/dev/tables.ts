/** Local mode only: emails captured instead of sent (the dev mailbox). */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vOutgoingEmail } from "../validators";

export const devTables = {
  /** Emails captured in local mode instead of being sent (the /dev/mailbox page). */
  devEmails: defineTable({ ...vOutgoingEmail, createdAt: v.number() }).index("by_to", ["to"]),
};
