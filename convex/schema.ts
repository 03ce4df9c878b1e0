/**
 * The academy's data model: every table of the spec (56), Convex Auth's
 * tables, and the platform's own operational tables, assembled from one
 * `tables.ts` per domain. Decisions where the spec is inconsistent are
 * recorded in docs/schema.md.
 */
import { authTables } from "@convex-dev/auth/server";
import { defineSchema } from "convex/server";
import { assessmentsTables } from "./assessments/tables";
import { catalogTables } from "./catalog/tables";
import { certificatesTables } from "./certificates/tables";
import { codesTables } from "./codes/tables";
import { communityTables } from "./community/tables";
import { dashboardsTables } from "./dashboards/tables";
import { devTables } from "./dev/tables";
import { enrollmentsTables } from "./enrollments/tables";
import { integrationsTables } from "./integrations/tables";
import { learningTables } from "./learning/tables";
import { liveSessionsTables } from "./liveSessions/tables";
import { notificationsTables } from "./notifications/tables";
import { officeHoursTables } from "./officeHours/tables";
import { organizationsTables } from "./organizations/tables";
import { pathsTables } from "./paths/tables";
import { paymentsTables } from "./payments/tables";
import { privacyTables } from "./privacy/tables";
import { resourcesTables } from "./resources/tables";
import { skillsTables } from "./skills/tables";
import { tutorTables } from "./tutor/tables";
import { usersTables } from "./users/tables";
import { waitlistTables } from "./waitlist/tables";

const { users: _authUsers, ...convexAuthTables } = authTables;

export default defineSchema({
  ...convexAuthTables,
  ...usersTables,
  ...organizationsTables,
  ...catalogTables,
  ...enrollmentsTables,
  ...waitlistTables,
  ...paymentsTables,
  ...codesTables,
  ...liveSessionsTables,
  ...learningTables,
  ...officeHoursTables,
  ...certificatesTables,
  ...dashboardsTables,
  ...privacyTables,
  ...notificationsTables,
  ...integrationsTables,
  ...devTables,
  ...skillsTables,
  ...pathsTables,
  ...assessmentsTables,
  ...communityTables,
  ...resourcesTables,
  ...tutorTables,
});
