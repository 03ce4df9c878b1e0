/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as admin from "../admin.js";
import type * as adminOrganizations from "../adminOrganizations.js";
import type * as assessments_authoring from "../assessments/authoring.js";
import type * as assessments_demoSeed from "../assessments/demoSeed.js";
import type * as assessments_grading from "../assessments/grading.js";
import type * as assessments_model_access from "../assessments/model/access.js";
import type * as assessments_model_attempts from "../assessments/model/attempts.js";
import type * as assessments_model_demo from "../assessments/model/demo.js";
import type * as assessments_model_gain from "../assessments/model/gain.js";
import type * as assessments_model_scoring from "../assessments/model/scoring.js";
import type * as assessments_model_views from "../assessments/model/views.js";
import type * as assessments_reminders from "../assessments/reminders.js";
import type * as assessments_review from "../assessments/review.js";
import type * as assessments_tables from "../assessments/tables.js";
import type * as assessments_take from "../assessments/take.js";
import type * as assessments_validators from "../assessments/validators.js";
import type * as auth from "../auth.js";
import type * as billing from "../billing.js";
import type * as catalog from "../catalog.js";
import type * as certificates from "../certificates.js";
import type * as checkout from "../checkout.js";
import type * as cohorts from "../cohorts.js";
import type * as crons from "../crons.js";
import type * as dashboards from "../dashboards.js";
import type * as demo from "../demo.js";
import type * as devMailbox from "../devMailbox.js";
import type * as emails_layout from "../emails/layout.js";
import type * as emails_magicLink from "../emails/magicLink.js";
import type * as emails_organizations from "../emails/organizations.js";
import type * as emails_receipts from "../emails/receipts.js";
import type * as emails_sessions from "../emails/sessions.js";
import type * as emails_waitlist from "../emails/waitlist.js";
import type * as errors from "../errors.js";
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as invites from "../invites.js";
import type * as learning from "../learning.js";
import type * as model_access from "../model/access.js";
import type * as model_achievementCredentialSchema from "../model/achievementCredentialSchema.js";
import type * as model_assets_badgeArt from "../model/assets/badgeArt.js";
import type * as model_assets_fonts from "../model/assets/fonts.js";
import type * as model_baking from "../model/baking.js";
import type * as model_billing from "../model/billing.js";
import type * as model_bookingTokens from "../model/bookingTokens.js";
import type * as model_calcom from "../model/calcom.js";
import type * as model_certificatePdf from "../model/certificatePdf.js";
import type * as model_certificates from "../model/certificates.js";
import type * as model_checkout from "../model/checkout.js";
import type * as model_cohorts from "../model/cohorts.js";
import type * as model_csv from "../model/csv.js";
import type * as model_demoActivity from "../model/demoActivity.js";
import type * as model_demoData from "../model/demoData.js";
import type * as model_env from "../model/env.js";
import type * as model_format from "../model/format.js";
import type * as model_ics from "../model/ics.js";
import type * as model_invites from "../model/invites.js";
import type * as model_limits from "../model/limits.js";
import type * as model_mailer from "../model/mailer.js";
import type * as model_memberStats from "../model/memberStats.js";
import type * as model_notifications from "../model/notifications.js";
import type * as model_openBadges from "../model/openBadges.js";
import type * as model_organizations from "../model/organizations.js";
import type * as model_paymentReviews from "../model/paymentReviews.js";
import type * as model_rateLimits from "../model/rateLimits.js";
import type * as model_recordingUploads from "../model/recordingUploads.js";
import type * as model_recurrence from "../model/recurrence.js";
import type * as model_reportFiles from "../model/reportFiles.js";
import type * as model_reportKinds from "../model/reportKinds.js";
import type * as model_schedule from "../model/schedule.js";
import type * as model_seats from "../model/seats.js";
import type * as model_sessions from "../model/sessions.js";
import type * as model_snapshots from "../model/snapshots.js";
import type * as model_stripe from "../model/stripe.js";
import type * as model_users from "../model/users.js";
import type * as model_verification from "../model/verification.js";
import type * as model_waitlist from "../model/waitlist.js";
import type * as notifications from "../notifications.js";
import type * as officeHours from "../officeHours.js";
import type * as organizations from "../organizations.js";
import type * as privacy from "../privacy.js";
import type * as reminders from "../reminders.js";
import type * as reportJobs from "../reportJobs.js";
import type * as reports from "../reports.js";
import type * as seed from "../seed.js";
import type * as sessions from "../sessions.js";
import type * as teaching from "../teaching.js";
import type * as teams from "../teams.js";
import type * as users from "../users.js";
import type * as validators from "../validators.js";
import type * as waitlist from "../waitlist.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  admin: typeof admin;
  adminOrganizations: typeof adminOrganizations;
  "assessments/authoring": typeof assessments_authoring;
  "assessments/demoSeed": typeof assessments_demoSeed;
  "assessments/grading": typeof assessments_grading;
  "assessments/model/access": typeof assessments_model_access;
  "assessments/model/attempts": typeof assessments_model_attempts;
  "assessments/model/demo": typeof assessments_model_demo;
  "assessments/model/gain": typeof assessments_model_gain;
  "assessments/model/scoring": typeof assessments_model_scoring;
  "assessments/model/views": typeof assessments_model_views;
  "assessments/reminders": typeof assessments_reminders;
  "assessments/review": typeof assessments_review;
  "assessments/tables": typeof assessments_tables;
  "assessments/take": typeof assessments_take;
  "assessments/validators": typeof assessments_validators;
  auth: typeof auth;
  billing: typeof billing;
  catalog: typeof catalog;
  certificates: typeof certificates;
  checkout: typeof checkout;
  cohorts: typeof cohorts;
  crons: typeof crons;
  dashboards: typeof dashboards;
  demo: typeof demo;
  devMailbox: typeof devMailbox;
  "emails/layout": typeof emails_layout;
  "emails/magicLink": typeof emails_magicLink;
  "emails/organizations": typeof emails_organizations;
  "emails/receipts": typeof emails_receipts;
  "emails/sessions": typeof emails_sessions;
  "emails/waitlist": typeof emails_waitlist;
  errors: typeof errors;
  functions: typeof functions;
  http: typeof http;
  invites: typeof invites;
  learning: typeof learning;
  "model/access": typeof model_access;
  "model/achievementCredentialSchema": typeof model_achievementCredentialSchema;
  "model/assets/badgeArt": typeof model_assets_badgeArt;
  "model/assets/fonts": typeof model_assets_fonts;
  "model/baking": typeof model_baking;
  "model/billing": typeof model_billing;
  "model/bookingTokens": typeof model_bookingTokens;
  "model/calcom": typeof model_calcom;
  "model/certificatePdf": typeof model_certificatePdf;
  "model/certificates": typeof model_certificates;
  "model/checkout": typeof model_checkout;
  "model/cohorts": typeof model_cohorts;
  "model/csv": typeof model_csv;
  "model/demoActivity": typeof model_demoActivity;
  "model/demoData": typeof model_demoData;
  "model/env": typeof model_env;
  "model/format": typeof model_format;
  "model/ics": typeof model_ics;
  "model/invites": typeof model_invites;
  "model/limits": typeof model_limits;
  "model/mailer": typeof model_mailer;
  "model/memberStats": typeof model_memberStats;
  "model/notifications": typeof model_notifications;
  "model/openBadges": typeof model_openBadges;
  "model/organizations": typeof model_organizations;
  "model/paymentReviews": typeof model_paymentReviews;
  "model/rateLimits": typeof model_rateLimits;
  "model/recordingUploads": typeof model_recordingUploads;
  "model/recurrence": typeof model_recurrence;
  "model/reportFiles": typeof model_reportFiles;
  "model/reportKinds": typeof model_reportKinds;
  "model/schedule": typeof model_schedule;
  "model/seats": typeof model_seats;
  "model/sessions": typeof model_sessions;
  "model/snapshots": typeof model_snapshots;
  "model/stripe": typeof model_stripe;
  "model/users": typeof model_users;
  "model/verification": typeof model_verification;
  "model/waitlist": typeof model_waitlist;
  notifications: typeof notifications;
  officeHours: typeof officeHours;
  organizations: typeof organizations;
  privacy: typeof privacy;
  reminders: typeof reminders;
  reportJobs: typeof reportJobs;
  reports: typeof reports;
  seed: typeof seed;
  sessions: typeof sessions;
  teaching: typeof teaching;
  teams: typeof teams;
  users: typeof users;
  validators: typeof validators;
  waitlist: typeof waitlist;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  rateLimiter: import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
};
