"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Award, BookOpen, ClipboardCheck, Compass, GraduationCap, Sparkles } from "lucide-react";
import Link from "next/link";
import type { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/lib/format";
import { COURSE_SKILL_LEVEL, EVIDENCE_TYPE_LABEL, SKILL_CATEGORY_LABEL, SKILL_LEVEL_LABEL } from "@/lib/labels";
import { useNow } from "@/lib/use-now";
import { PortfolioSettings } from "./portfolio-settings";
import { badgeState } from "./badge-state";

type Profile = NonNullable<FunctionReturnType<typeof api.skills.profile.mine>>;
type SkillRow = Profile["skills"][number];

/** The learner's skills: each level and how it was earned, badges with expiry, what next; their public portfolio. */
export function MySkills({
  preloadedProfile,
  preloadedPortfolio,
}: {
  preloadedProfile: Preloaded<typeof api.skills.profile.mine>;
  preloadedPortfolio: Preloaded<typeof api.skills.portfolio.settings>;
}) {
  const profile = usePreloadedQuery(preloadedProfile);
  const now = useNow(60_000);
  if (profile === null) return null;
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="flex items-center gap-2 text-xl font-semibold text-gray-900">
        <Sparkles className="size-5 text-brand-700" aria-hidden /> My skills
      </h1>
      <p className="mt-1 text-sm text-gray-600">
        Courses you complete build your skills; Advanced and Expert come with an instructor&apos;s sign-off. Your badges
        are signed credentials anyone can verify.
      </p>
      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_320px]">
        <div className="space-y-4">
          {profile.skills.length === 0 ? (
            <EmptyState
              icon={GraduationCap}
              title="No skills yet"
              description="Complete a course and the skills it builds appear here, with how you earned them."
              action={
                <Button asChild>
                  <Link href="/courses">Browse courses</Link>
                </Button>
              }
            />
          ) : (
            profile.skills.map((skill) => <SkillCard key={skill.skillId} skill={skill} now={now} />)
          )}
          {profile.suggestions.length > 0 && (
            <section aria-labelledby="suggestions-heading" className="pt-4">
              <h2 id="suggestions-heading" className="flex items-center gap-2 text-base font-semibold text-gray-900">
                <Compass className="size-4 text-brand-700" aria-hidden /> Skills to start next
              </h2>
              <ul className="mt-3 grid gap-3 sm:grid-cols-2">
                {profile.suggestions.map((s) => (
                  <li key={s.name} className="rounded-lg border border-gray-200 bg-white p-4">
                    <p className="text-sm font-medium text-gray-900">{s.name}</p>
                    <p className="text-xs text-gray-600">{SKILL_CATEGORY_LABEL[s.category]}</p>
                    <p className="mt-2 line-clamp-2 text-sm text-gray-600">{s.description}</p>
                    <p className="mt-2 text-sm">
                      <Link href={`/courses/${s.course.slug}`} className="text-brand-700 underline underline-offset-2">
                        {s.course.title}
                      </Link>
                      {s.path && <span className="text-gray-600"> · part of the {s.path.title}</span>}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <aside>
          <PortfolioSettings preloaded={preloadedPortfolio} />
        </aside>
      </div>
    </div>
  );
}

function SkillCard({ skill, now }: { skill: SkillRow; now: number }) {
  const headingId = `skill-${skill.skillId}`;
  return (
    <Card className="p-5" data-testid="skill-card" aria-labelledby={headingId} role="region">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-gray-900">
            {skill.name}
          </h2>
          <p className="text-xs text-gray-600">
            {SKILL_CATEGORY_LABEL[skill.category]} · certified up to {SKILL_LEVEL_LABEL[skill.highestLevel]}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone="brand" data-testid="skill-level">
            {SKILL_LEVEL_LABEL[skill.level]}
          </Badge>
          {skill.verifiedByInstructor && <Badge tone="success">Signed off by an instructor</Badge>}
        </div>
      </div>
      {skill.competencies > 0 && (
        <div className="mt-3 max-w-sm">
          <ProgressBar
            value={skill.competenciesShown}
            max={skill.competencies}
            label={`${skill.name}: competencies shown`}
            valueText={`${skill.competenciesShown} of ${skill.competencies} competencies shown`}
          />
          <p className="mt-1 text-xs text-gray-600">
            {skill.competenciesShown} of {skill.competencies} competencies shown
          </p>
        </div>
      )}

      <h3 className="mt-4 text-sm font-semibold text-gray-900">How you earned it</h3>
      <ul className="mt-1 space-y-1.5 text-sm text-gray-700">
        {skill.courses.map((c) => (
          <li key={c.slug} className="flex gap-2">
            <BookOpen className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
            <span>
              Completed{" "}
              <Link href={`/courses/${c.slug}`} className="text-brand-700 underline underline-offset-2">
                {c.title}
              </Link>{" "}
              ({COURSE_SKILL_LEVEL[c.skillLevel].label.toLowerCase()} it) on {formatDate(c.completedAt)}
            </span>
          </li>
        ))}
        {skill.assessments.map((a) => (
          <li key={a.courseTitle} className="flex gap-2">
            <ClipboardCheck className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
            <span>
              {a.courseTitle} assessments: <span className="tabular">{a.preScore}%</span> before,{" "}
              <span className="tabular">{a.postScore}%</span> after, on the questions about {skill.name}
            </span>
          </li>
        ))}
        {skill.evidence.map((e) => (
          <li key={`${e.competency}-${e.createdAt}`} className="flex gap-2" data-testid="skill-evidence">
            <Award className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
            <span>
              {e.competency}: {EVIDENCE_TYPE_LABEL[e.evidenceType].toLowerCase()},{" "}
              <span className="tabular">{e.score}</span>/100{" "}
              <Badge tone={e.passed ? "success" : "warning"}>{e.passed ? "Shown" : "Not yet"}</Badge>
              <span className="block text-xs text-gray-600">
                {e.assessedBy ? `${e.assessedBy} · ` : ""}
                {formatDate(e.createdAt)}
                {e.notes ? ` · “${e.notes}”` : ""}
              </span>
            </span>
          </li>
        ))}
        {skill.courses.length + skill.assessments.length + skill.evidence.length === 0 && (
          <li className="text-gray-600">Earned with a badge (below).</li>
        )}
      </ul>

      {skill.badges.length > 0 && (
        <>
          <h3 className="mt-4 text-sm font-semibold text-gray-900">Badges</h3>
          <ul className="mt-1 divide-y divide-gray-100 rounded-md border border-gray-200">
            {skill.badges.map((b) => {
              const state = badgeState(b, now);
              return (
                <li
                  key={b.publicId}
                  className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
                  data-testid="skill-badge"
                >
                  <div>
                    {b.issuing ? (
                      <span className="text-sm font-medium text-gray-900">{b.name}</span>
                    ) : (
                      <Link
                        href={`/verify/${b.publicId}`}
                        className="text-sm font-medium text-brand-700 hover:underline"
                      >
                        {b.name}
                      </Link>
                    )}
                    <p className="text-xs text-gray-600">
                      Issued {formatDate(b.issuedAt)}
                      {b.signedOff && " after an instructor's sign-off"}
                      {b.expiresAt !== null && !b.revoked && ` · ${state.expiryText}`}
                    </p>
                  </div>
                  <Badge tone={state.tone}>{state.label}</Badge>
                </li>
              );
            })}
          </ul>
        </>
      )}

      <NextStep skill={skill} />
    </Card>
  );
}

function NextStep({ skill }: { skill: SkillRow }) {
  const next = skill.next;
  const level = SKILL_LEVEL_LABEL[next.level];
  return (
    <div className="mt-4 rounded-md bg-gray-50 px-3 py-2.5 text-sm text-gray-700" data-testid="skill-next">
      <span className="font-medium text-gray-900">Next: </span>
      {next.kind === "top" && `You hold ${level}, the highest level the academy certifies for ${skill.name}.`}
      {next.kind === "issuing" && `Your ${level} badge is being signed; it appears here in a moment.`}
      {next.kind === "none" && `${level}: no course builds it yet. We will suggest one when there is.`}
      {next.kind === "course" && (
        <>
          {level} — take{" "}
          <Link href={`/courses/${next.course.slug}`} className="text-brand-700 underline underline-offset-2">
            {next.course.title}
          </Link>
          {next.path && ` (part of the ${next.path.title})`}.
        </>
      )}
      {next.kind === "sign_off" &&
        (next.ready ? (
          <>{level} — you are ready: an instructor of one of your cohorts can sign you off.</>
        ) : (
          <>
            {level} — comes with an instructor&apos;s sign-off once you have shown it. {next.missing.join(" ")}
            {next.course && (
              <>
                {" "}
                A course that masters it:{" "}
                <Link href={`/courses/${next.course.slug}`} className="text-brand-700 underline underline-offset-2">
                  {next.course.title}
                </Link>
                .
              </>
            )}
          </>
        ))}
    </div>
  );
}
