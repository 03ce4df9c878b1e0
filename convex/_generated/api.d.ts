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
import type * as access from "../access.js";
import type * as assessments_authoring from "../assessments/authoring.js";
import type * as assessments_grading from "../assessments/grading.js";
import type * as assessments_model_access from "../assessments/model/access.js";
import type * as assessments_model_attempts from "../assessments/model/attempts.js";
import type * as assessments_model_gain from "../assessments/model/gain.js";
import type * as assessments_model_scoring from "../assessments/model/scoring.js";
import type * as assessments_model_views from "../assessments/model/views.js";
import type * as assessments_reminders from "../assessments/reminders.js";
import type * as assessments_review from "../assessments/review.js";
import type * as assessments_tables from "../assessments/tables.js";
import type * as assessments_take from "../assessments/take.js";
import type * as auth from "../auth.js";
import type * as catalog_browse from "../catalog/browse.js";
import type * as catalog_cohorts from "../catalog/cohorts.js";
import type * as catalog_courses from "../catalog/courses.js";
import type * as catalog_kit from "../catalog/kit.js";
import type * as catalog_model_cohorts from "../catalog/model/cohorts.js";
import type * as catalog_tables from "../catalog/tables.js";
import type * as certificates_holders from "../certificates/holders.js";
import type * as certificates_issue from "../certificates/issue.js";
import type * as certificates_model_badgeArt from "../certificates/model/badgeArt.js";
import type * as certificates_model_fonts from "../certificates/model/fonts.js";
import type * as certificates_model_issue from "../certificates/model/issue.js";
import type * as certificates_model_pdf from "../certificates/model/pdf.js";
import type * as certificates_model_plan from "../certificates/model/plan.js";
import type * as certificates_model_signing from "../certificates/model/signing.js";
import type * as certificates_model_statusList from "../certificates/model/statusList.js";
import type * as certificates_model_urls from "../certificates/model/urls.js";
import type * as certificates_model_verify from "../certificates/model/verify.js";
import type * as certificates_plan from "../certificates/plan.js";
import type * as certificates_revocation from "../certificates/revocation.js";
import type * as certificates_shared_achievementCredentialSchema from "../certificates/shared/achievementCredentialSchema.js";
import type * as certificates_shared_baking from "../certificates/shared/baking.js";
import type * as certificates_shared_openBadges from "../certificates/shared/openBadges.js";
import type * as certificates_tables from "../certificates/tables.js";
import type * as certificates_verify from "../certificates/verify.js";
import type * as community_tables from "../community/tables.js";
import type * as crons from "../crons.js";
import type * as dashboards_members from "../dashboards/members.js";
import type * as dashboards_model_memberStats from "../dashboards/model/memberStats.js";
import type * as dashboards_model_reportFiles from "../dashboards/model/reportFiles.js";
import type * as dashboards_model_reportKinds from "../dashboards/model/reportKinds.js";
import type * as dashboards_model_snapshots from "../dashboards/model/snapshots.js";
import type * as dashboards_reminders from "../dashboards/reminders.js";
import type * as dashboards_reportJobs from "../dashboards/reportJobs.js";
import type * as dashboards_reports from "../dashboards/reports.js";
import type * as dashboards_snapshots from "../dashboards/snapshots.js";
import type * as dashboards_tables from "../dashboards/tables.js";
import type * as dashboards_views from "../dashboards/views.js";
import type * as dev_demo from "../dev/demo.js";
import type * as dev_mailbox from "../dev/mailbox.js";
import type * as dev_model_assessments from "../dev/model/assessments.js";
import type * as dev_model_demoActivity from "../dev/model/demoActivity.js";
import type * as dev_model_demoData from "../dev/model/demoData.js";
import type * as dev_seed from "../dev/seed.js";
import type * as dev_tables from "../dev/tables.js";
import type * as enrollments_model_learners from "../enrollments/model/learners.js";
import type * as enrollments_model_seats from "../enrollments/model/seats.js";
import type * as enrollments_model_state from "../enrollments/model/state.js";
import type * as enrollments_roster from "../enrollments/roster.js";
import type * as enrollments_tables from "../enrollments/tables.js";
import type * as env from "../env.js";
import type * as errors from "../errors.js";
import type * as format from "../format.js";
import type * as functions from "../functions.js";
import type * as http from "../http.js";
import type * as integrations_calcom from "../integrations/calcom.js";
import type * as integrations_email from "../integrations/email.js";
import type * as integrations_emailFrame from "../integrations/emailFrame.js";
import type * as integrations_stripe from "../integrations/stripe.js";
import type * as integrations_tables from "../integrations/tables.js";
import type * as learning_cohorts from "../learning/cohorts.js";
import type * as learning_intake from "../learning/intake.js";
import type * as learning_tables from "../learning/tables.js";
import type * as limits from "../limits.js";
import type * as liveSessions_attendance from "../liveSessions/attendance.js";
import type * as liveSessions_model_calendar from "../liveSessions/model/calendar.js";
import type * as liveSessions_model_lifecycle from "../liveSessions/model/lifecycle.js";
import type * as liveSessions_model_recordingUploads from "../liveSessions/model/recordingUploads.js";
import type * as liveSessions_model_recurrence from "../liveSessions/model/recurrence.js";
import type * as liveSessions_model_schedule from "../liveSessions/model/schedule.js";
import type * as liveSessions_recaps from "../liveSessions/recaps.js";
import type * as liveSessions_schedule from "../liveSessions/schedule.js";
import type * as liveSessions_tables from "../liveSessions/tables.js";
import type * as liveSessions_teaching from "../liveSessions/teaching.js";
import type * as notifications_delivery from "../notifications/delivery.js";
import type * as notifications_inbox from "../notifications/inbox.js";
import type * as notifications_model_emails from "../notifications/model/emails.js";
import type * as notifications_model_notify from "../notifications/model/notify.js";
import type * as notifications_preferences from "../notifications/preferences.js";
import type * as notifications_tables from "../notifications/tables.js";
import type * as officeHours_bookings from "../officeHours/bookings.js";
import type * as officeHours_model_bookingTokens from "../officeHours/model/bookingTokens.js";
import type * as officeHours_tables from "../officeHours/tables.js";
import type * as organizations_directory from "../organizations/directory.js";
import type * as organizations_domains from "../organizations/domains.js";
import type * as organizations_invites from "../organizations/invites.js";
import type * as organizations_managers from "../organizations/managers.js";
import type * as organizations_members from "../organizations/members.js";
import type * as organizations_model_csv from "../organizations/model/csv.js";
import type * as organizations_model_emails from "../organizations/model/emails.js";
import type * as organizations_model_invites from "../organizations/model/invites.js";
import type * as organizations_model_membership from "../organizations/model/membership.js";
import type * as organizations_overview from "../organizations/overview.js";
import type * as organizations_tables from "../organizations/tables.js";
import type * as organizations_teamRequests from "../organizations/teamRequests.js";
import type * as organizations_teams from "../organizations/teams.js";
import type * as paths_tables from "../paths/tables.js";
import type * as payments_checkout from "../payments/checkout.js";
import type * as payments_model_checkout from "../payments/model/checkout.js";
import type * as payments_model_emails from "../payments/model/emails.js";
import type * as payments_model_reviews from "../payments/model/reviews.js";
import type * as payments_model_seatInvoices from "../payments/model/seatInvoices.js";
import type * as payments_refunds from "../payments/refunds.js";
import type * as payments_reviews from "../payments/reviews.js";
import type * as payments_seatInvoices from "../payments/seatInvoices.js";
import type * as payments_tables from "../payments/tables.js";
import type * as payments_webhook from "../payments/webhook.js";
import type * as privacy_controls from "../privacy/controls.js";
import type * as privacy_tables from "../privacy/tables.js";
import type * as rateLimits from "../rateLimits.js";
import type * as resources_tables from "../resources/tables.js";
import type * as skills_tables from "../skills/tables.js";
import type * as tokens from "../tokens.js";
import type * as triggers from "../triggers.js";
import type * as tutor_tables from "../tutor/tables.js";
import type * as users_account from "../users/account.js";
import type * as users_model_accounts from "../users/model/accounts.js";
import type * as users_model_emails from "../users/model/emails.js";
import type * as users_model_profile from "../users/model/profile.js";
import type * as users_profile from "../users/profile.js";
import type * as users_tables from "../users/tables.js";
import type * as validators from "../validators.js";
import type * as waitlist_lines from "../waitlist/lines.js";
import type * as waitlist_model_emails from "../waitlist/model/emails.js";
import type * as waitlist_model_queue from "../waitlist/model/queue.js";
import type * as waitlist_offers from "../waitlist/offers.js";
import type * as waitlist_places from "../waitlist/places.js";
import type * as waitlist_tables from "../waitlist/tables.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  access: typeof access;
  "assessments/authoring": typeof assessments_authoring;
  "assessments/grading": typeof assessments_grading;
  "assessments/model/access": typeof assessments_model_access;
  "assessments/model/attempts": typeof assessments_model_attempts;
  "assessments/model/gain": typeof assessments_model_gain;
  "assessments/model/scoring": typeof assessments_model_scoring;
  "assessments/model/views": typeof assessments_model_views;
  "assessments/reminders": typeof assessments_reminders;
  "assessments/review": typeof assessments_review;
  "assessments/tables": typeof assessments_tables;
  "assessments/take": typeof assessments_take;
  auth: typeof auth;
  "catalog/browse": typeof catalog_browse;
  "catalog/cohorts": typeof catalog_cohorts;
  "catalog/courses": typeof catalog_courses;
  "catalog/kit": typeof catalog_kit;
  "catalog/model/cohorts": typeof catalog_model_cohorts;
  "catalog/tables": typeof catalog_tables;
  "certificates/holders": typeof certificates_holders;
  "certificates/issue": typeof certificates_issue;
  "certificates/model/badgeArt": typeof certificates_model_badgeArt;
  "certificates/model/fonts": typeof certificates_model_fonts;
  "certificates/model/issue": typeof certificates_model_issue;
  "certificates/model/pdf": typeof certificates_model_pdf;
  "certificates/model/plan": typeof certificates_model_plan;
  "certificates/model/signing": typeof certificates_model_signing;
  "certificates/model/statusList": typeof certificates_model_statusList;
  "certificates/model/urls": typeof certificates_model_urls;
  "certificates/model/verify": typeof certificates_model_verify;
  "certificates/plan": typeof certificates_plan;
  "certificates/revocation": typeof certificates_revocation;
  "certificates/shared/achievementCredentialSchema": typeof certificates_shared_achievementCredentialSchema;
  "certificates/shared/baking": typeof certificates_shared_baking;
  "certificates/shared/openBadges": typeof certificates_shared_openBadges;
  "certificates/tables": typeof certificates_tables;
  "certificates/verify": typeof certificates_verify;
  "community/tables": typeof community_tables;
  crons: typeof crons;
  "dashboards/members": typeof dashboards_members;
  "dashboards/model/memberStats": typeof dashboards_model_memberStats;
  "dashboards/model/reportFiles": typeof dashboards_model_reportFiles;
  "dashboards/model/reportKinds": typeof dashboards_model_reportKinds;
  "dashboards/model/snapshots": typeof dashboards_model_snapshots;
  "dashboards/reminders": typeof dashboards_reminders;
  "dashboards/reportJobs": typeof dashboards_reportJobs;
  "dashboards/reports": typeof dashboards_reports;
  "dashboards/snapshots": typeof dashboards_snapshots;
  "dashboards/tables": typeof dashboards_tables;
  "dashboards/views": typeof dashboards_views;
  "dev/demo": typeof dev_demo;
  "dev/mailbox": typeof dev_mailbox;
  "dev/model/assessments": typeof dev_model_assessments;
  "dev/model/demoActivity": typeof dev_model_demoActivity;
  "dev/model/demoData": typeof dev_model_demoData;
  "dev/seed": typeof dev_seed;
  "dev/tables": typeof dev_tables;
  "enrollments/model/learners": typeof enrollments_model_learners;
  "enrollments/model/seats": typeof enrollments_model_seats;
  "enrollments/model/state": typeof enrollments_model_state;
  "enrollments/roster": typeof enrollments_roster;
  "enrollments/tables": typeof enrollments_tables;
  env: typeof env;
  errors: typeof errors;
  format: typeof format;
  functions: typeof functions;
  http: typeof http;
  "integrations/calcom": typeof integrations_calcom;
  "integrations/email": typeof integrations_email;
  "integrations/emailFrame": typeof integrations_emailFrame;
  "integrations/stripe": typeof integrations_stripe;
  "integrations/tables": typeof integrations_tables;
  "learning/cohorts": typeof learning_cohorts;
  "learning/intake": typeof learning_intake;
  "learning/tables": typeof learning_tables;
  limits: typeof limits;
  "liveSessions/attendance": typeof liveSessions_attendance;
  "liveSessions/model/calendar": typeof liveSessions_model_calendar;
  "liveSessions/model/lifecycle": typeof liveSessions_model_lifecycle;
  "liveSessions/model/recordingUploads": typeof liveSessions_model_recordingUploads;
  "liveSessions/model/recurrence": typeof liveSessions_model_recurrence;
  "liveSessions/model/schedule": typeof liveSessions_model_schedule;
  "liveSessions/recaps": typeof liveSessions_recaps;
  "liveSessions/schedule": typeof liveSessions_schedule;
  "liveSessions/tables": typeof liveSessions_tables;
  "liveSessions/teaching": typeof liveSessions_teaching;
  "notifications/delivery": typeof notifications_delivery;
  "notifications/inbox": typeof notifications_inbox;
  "notifications/model/emails": typeof notifications_model_emails;
  "notifications/model/notify": typeof notifications_model_notify;
  "notifications/preferences": typeof notifications_preferences;
  "notifications/tables": typeof notifications_tables;
  "officeHours/bookings": typeof officeHours_bookings;
  "officeHours/model/bookingTokens": typeof officeHours_model_bookingTokens;
  "officeHours/tables": typeof officeHours_tables;
  "organizations/directory": typeof organizations_directory;
  "organizations/domains": typeof organizations_domains;
  "organizations/invites": typeof organizations_invites;
  "organizations/managers": typeof organizations_managers;
  "organizations/members": typeof organizations_members;
  "organizations/model/csv": typeof organizations_model_csv;
  "organizations/model/emails": typeof organizations_model_emails;
  "organizations/model/invites": typeof organizations_model_invites;
  "organizations/model/membership": typeof organizations_model_membership;
  "organizations/overview": typeof organizations_overview;
  "organizations/tables": typeof organizations_tables;
  "organizations/teamRequests": typeof organizations_teamRequests;
  "organizations/teams": typeof organizations_teams;
  "paths/tables": typeof paths_tables;
  "payments/checkout": typeof payments_checkout;
  "payments/model/checkout": typeof payments_model_checkout;
  "payments/model/emails": typeof payments_model_emails;
  "payments/model/reviews": typeof payments_model_reviews;
  "payments/model/seatInvoices": typeof payments_model_seatInvoices;
  "payments/refunds": typeof payments_refunds;
  "payments/reviews": typeof payments_reviews;
  "payments/seatInvoices": typeof payments_seatInvoices;
  "payments/tables": typeof payments_tables;
  "payments/webhook": typeof payments_webhook;
  "privacy/controls": typeof privacy_controls;
  "privacy/tables": typeof privacy_tables;
  rateLimits: typeof rateLimits;
  "resources/tables": typeof resources_tables;
  "skills/tables": typeof skills_tables;
  tokens: typeof tokens;
  triggers: typeof triggers;
  "tutor/tables": typeof tutor_tables;
  "users/account": typeof users_account;
  "users/model/accounts": typeof users_model_accounts;
  "users/model/emails": typeof users_model_emails;
  "users/model/profile": typeof users_model_profile;
  "users/profile": typeof users_profile;
  "users/tables": typeof users_tables;
  validators: typeof validators;
  "waitlist/lines": typeof waitlist_lines;
  "waitlist/model/emails": typeof waitlist_model_emails;
  "waitlist/model/queue": typeof waitlist_model_queue;
  "waitlist/offers": typeof waitlist_offers;
  "waitlist/places": typeof waitlist_places;
  "waitlist/tables": typeof waitlist_tables;
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
