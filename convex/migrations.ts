/**
 * Data migrations on `@convex-dev/migrations`: each walks a table in batches, resumes where it stopped, and keeps
 * its progress in the component. Run one with
 * `npx convex run migrations:run '{fn: "migrations:refreshDashboardMembers"}'`; `npx convex run
 * --component migrations lib:getStatus --watch` follows it.
 */
import { Migrations } from "@convex-dev/migrations";
import { components } from "./_generated/api";
import type { DataModel } from "./_generated/dataModel";
import { internalMutation } from "./functions";
import { scheduleRefresh } from "./triggers";

export const migrations = new Migrations<DataModel>(components.migrations, { internalMutation });

/** Fills the dashboards' member rows on a deployment that had organization members before dashboards existed. */
export const refreshDashboardMembers = migrations.define({
  table: "users",
  migrateOne: async (ctx, user) => {
    if (user.organizationId !== undefined) await scheduleRefresh(ctx, [user._id]);
  },
});

/** Runs any migration above by name. */
export const run = migrations.runner();
