import { describe, expect, test } from "vitest";
import { cohortJsonLd, courseJsonLd, isoDuration } from "@/components/catalog/structured-data";
import { serializeJsonLd } from "@/components/seo/json-ld";
import { summary } from "@/lib/site";
import type { Id } from "@/convex/_generated/dataModel";

const cohortId = (n: number) => `cohort${n}` as Id<"cohorts">;
const COURSE = {
  _id: "course1" as Id<"courses">,
  slug: "ai-enablement-intensive",
  title: "AI Enablement Intensive",
  tagline: "Two days to working AI habits.",
  description: "A live intensive.",
  format: "cohort" as const,
  level: "intermediate" as const,
  priceB2C: 149_700,
  outcomes: ["Write prompts that hold up"],
  policy: "Transfers on request; refunds on request.",
  skills: [],
  days: [
    {
      dayNumber: 1,
      sessions: [
        { _id: "s1" as Id<"sessions">, title: "Spark", type: "S" as const, durationMinutes: 330, description: "" },
      ],
    },
    {
      dayNumber: 2,
      sessions: [
        { _id: "s2" as Id<"sessions">, title: "Build", type: "W" as const, durationMinutes: 300, description: "" },
      ],
    },
  ],
  cohorts: [
    {
      _id: cohortId(1),
      name: "December",
      startDate: Date.UTC(2026, 11, 3, 8),
      endDate: Date.UTC(2026, 11, 4, 16),
      timezone: "Europe/Berlin",
      seatsLeft: 2,
      maxCapacity: 20,
    },
    {
      _id: cohortId(2),
      name: "January",
      startDate: Date.UTC(2027, 0, 7, 14),
      endDate: Date.UTC(2027, 0, 8, 22),
      seatsLeft: 0,
      maxCapacity: 12,
    },
  ],
};
const SITE = {
  name: "AI Enablement Academy",
  url: "https://academy.example/",
  courseUrl: "https://academy.example/courses/x",
  imageUrl: "https://academy.example/card.png",
};

describe("structured data", () => {
  test("a course lists each open cohort as a CourseInstance whose offer says whether seats are left", () => {
    const data = courseJsonLd(COURSE, { ...SITE, cohortUrl: (id) => `https://academy.example/cohorts/${id}` });
    expect(data).toMatchObject({
      "@type": "Course",
      name: COURSE.title,
      educationalLevel: "Intermediate",
      teaches: COURSE.outcomes,
    });
    expect(data.offers).toEqual([
      expect.objectContaining({ price: "1497.00", priceCurrency: "USD", availability: "https://schema.org/InStock" }),
    ]);
    expect(data.hasCourseInstance).toEqual([
      expect.objectContaining({
        name: "December",
        startDate: "2026-12-03T08:00:00.000Z",
        courseWorkload: "PT10H30M",
        courseMode: "Online",
        offers: expect.objectContaining({
          availability: "https://schema.org/InStock",
          url: "https://academy.example/cohorts/cohort1",
        }),
      }),
      expect.objectContaining({
        name: "January",
        offers: expect.objectContaining({ availability: "https://schema.org/SoldOut" }),
      }),
    ]);
    const full = courseJsonLd(
      { ...COURSE, cohorts: COURSE.cohorts.map((c) => ({ ...c, seatsLeft: 0 })) },
      { ...SITE, cohortUrl: String },
    );
    expect(full.offers[0].availability).toBe("https://schema.org/SoldOut");
    expect(courseJsonLd({ ...COURSE, cohorts: [] }, { ...SITE, cohortUrl: String }).offers[0]).not.toHaveProperty(
      "availability",
    );
  });

  test("a cohort page describes its course with that one instance, its instructor and live workload", () => {
    const data = cohortJsonLd(
      {
        cohort: { ...COURSE.cohorts[0], status: "open" },
        course: { slug: COURSE.slug, title: COURSE.title, format: "cohort", priceB2C: COURSE.priceB2C },
        instructorName: "Maya Chen",
        sessions: [
          {
            _id: "a" as Id<"cohortSessions">,
            title: "A",
            type: "S",
            startsAt: 0,
            endsAt: 90 * 60_000,
            status: "scheduled",
          },
          {
            _id: "b" as Id<"cohortSessions">,
            title: "B",
            type: "W",
            startsAt: 0,
            endsAt: 60 * 60_000,
            status: "cancelled",
          },
        ],
      },
      { ...SITE, cohortUrl: "https://academy.example/cohorts/cohort1" },
    );
    expect(data.hasCourseInstance).toEqual([
      expect.objectContaining({
        name: "December",
        courseWorkload: "PT1H30M",
        instructor: { "@type": "Person", name: "Maya Chen" },
        offers: expect.objectContaining({ availability: "https://schema.org/InStock" }),
      }),
    ]);
  });

  test("text in the data cannot close the script element it is written into", () => {
    const html = serializeJsonLd({ name: "</script><script>alert(1)</script>" });
    expect(html).not.toContain("<");
    expect(JSON.parse(html)).toEqual({ name: "</script><script>alert(1)</script>" });
  });

  test("durations and meta descriptions", () => {
    expect([isoDuration(630), isoDuration(60), isoDuration(45), isoDuration(0)]).toEqual([
      "PT10H30M",
      "PT1H",
      "PT45M",
      "PT0M",
    ]);
    expect(summary("  short   text ")).toBe("short text");
    const long = summary(`${"word ".repeat(60)}end`);
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long).toMatch(/word…$/);
  });
});
