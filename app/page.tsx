import { ArrowRight, Building2, CalendarCheck2, ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { UpcomingCourses } from "@/components/catalog/upcoming-courses";
import { Button } from "@/components/ui/button";
import { preloadCourses } from "@/lib/convex/catalog";
import { publicPageMetadata, SITE_NAME } from "@/lib/site";

const PROMISES = [
  {
    icon: CalendarCheck2,
    title: "Live, dated cohorts",
    text: "Small groups, real tasks from your job, and a schedule that updates the moment anything changes.",
  },
  {
    icon: Building2,
    title: "Built for teams",
    text: "Buy seats, invite by email or domain, and watch progress live — within the privacy limits learners set.",
  },
  {
    icon: ShieldCheck,
    title: "Credentials that verify",
    text: "Signed Open Badges 3.0 certificates anyone can check, and add to LinkedIn in one click.",
  },
];

const title = `${SITE_NAME} — live AI training for professionals and teams`;
const description =
  "Two-day cohort intensives, executive briefings and hackathons, taught live, " +
  "with an enablement kit, office hours and verifiable certificates.";

export const metadata: Metadata = publicPageMetadata({
  path: "/",
  title: { absolute: title },
  socialTitle: title,
  description,
});

export default async function LandingPage() {
  const courses = await preloadCourses();
  return (
    <>
      <section className="border-b border-gray-200 bg-white">
        <div className="mx-auto max-w-[1100px] px-4 py-16 sm:py-20">
          <p className="text-sm font-semibold text-brand-700">Live AI training for professionals and teams</p>
          <h1 className="mt-3 max-w-3xl text-2xl font-bold tracking-tight text-gray-900 sm:text-3xl">
            Become the team that knows how to work with AI.
          </h1>
          <p className="mt-4 max-w-2xl text-base text-gray-700">
            Two-day cohort intensives, 90-minute executive briefings and multi-week hackathons — taught live, with an
            enablement kit you keep and office hours after the course.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Button asChild size="lg">
              <Link href="/courses">
                Browse courses <ArrowRight className="size-4" aria-hidden />
              </Link>
            </Button>
            <Button asChild size="lg" variant="secondary">
              <Link href="/signin">Sign in</Link>
            </Button>
          </div>
        </div>
      </section>
      <section className="mx-auto max-w-[1100px] px-4 py-12">
        <div className="grid gap-6 sm:grid-cols-3">
          {PROMISES.map(({ icon: Icon, title, text }) => (
            <div key={title}>
              <Icon className="size-6 text-brand-700" aria-hidden />
              <h2 className="mt-3 text-base font-semibold text-gray-900">{title}</h2>
              <p className="mt-1 text-sm text-gray-600">{text}</p>
            </div>
          ))}
        </div>
      </section>
      <section className="mx-auto max-w-[1100px] px-4 pb-16">
        <div className="mb-4 flex items-end justify-between">
          <h2 className="text-lg font-semibold text-gray-900">Upcoming courses</h2>
          <Link href="/courses" className="text-sm font-medium text-brand-700 hover:text-brand-800">
            All courses →
          </Link>
        </div>
        <UpcomingCourses preloaded={courses} limit={3} />
      </section>
    </>
  );
}
