import { Card } from "@/components/ui/card";
import { SKILL_LEVELS, SKILL_LEVEL_LABEL } from "@/lib/labels";
import { cn } from "@/lib/utils";

const LEVEL_NAMES = SKILL_LEVELS.map((level) => SKILL_LEVEL_LABEL[level]);
/** Lightest to darkest brand shade; text switches to white on the two darkest. */
const SHADES = ["#f3f4f6", "#e0e7ff", "#a5b4fc", "#4f46e5", "#312e81"];

function cellStyle(level: number) {
  const index = Math.max(0, Math.min(4, Math.round(level)));
  return { backgroundColor: SHADES[index], color: index >= 3 ? "#ffffff" : "#111827" };
}

/** Rows (teams or people) × skills, coloured by proficiency level 0–4; every cell also says its level. */
export function SkillsHeatMap({
  title,
  rowLabel,
  skills,
  rows,
}: {
  title: string;
  rowLabel: string;
  skills: Array<{ skillId: string; name: string }>;
  rows: Array<{ key: string; label: string; levels: Map<string, number> }>;
}) {
  return (
    <Card className="min-w-0 p-4">
      <h3 className="text-sm font-semibold text-gray-900">{title}</h3>
      {skills.length === 0 || rows.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">
          No skill assessments yet. Levels appear here as learners are assessed.
        </p>
      ) : (
        <>
          {/* Focusable, so the grid scrolls sideways from the keyboard too when it is wider than its card. */}
          <div
            className={cn(
              "mt-3 overflow-x-auto rounded",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
            )}
            tabIndex={0}
            role="region"
            aria-label={title}
          >
            <table className="w-full border-separate border-spacing-1 text-xs">
              <caption className="sr-only">{title}: proficiency from 0 (none) to 4 (expert)</caption>
              <thead>
                <tr>
                  <th scope="col" className="text-left font-medium tracking-wide text-gray-600 uppercase">
                    {rowLabel}
                  </th>
                  {skills.map((skill) => (
                    <th
                      key={skill.skillId}
                      scope="col"
                      className="min-w-24 text-left font-medium tracking-wide text-gray-600 uppercase"
                    >
                      {skill.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" className="pr-2 text-left font-medium whitespace-nowrap text-gray-900">
                      {row.label}
                    </th>
                    {skills.map((skill) => {
                      const level = row.levels.get(skill.skillId);
                      return (
                        <td key={skill.skillId} className="tabular rounded px-2 py-1.5" style={cellStyle(level ?? 0)}>
                          {level === undefined ? "–" : `${level.toFixed(1)} ${LEVEL_NAMES[Math.round(level)]}`}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-gray-600">
            Levels:
            {LEVEL_NAMES.map((name, i) => (
              <span key={name} className="inline-flex items-center gap-1">
                <span
                  className="inline-block size-3 rounded-sm border border-gray-200"
                  style={{ backgroundColor: SHADES[i] }}
                  aria-hidden
                />{" "}
                {i} {name}
              </span>
            ))}
          </p>
        </>
      )}
    </Card>
  );
}
