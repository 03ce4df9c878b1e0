export const FORMAT_LABEL = { cohort: "Cohort", webinar: "Webinar", hackathon: "Hackathon" } as const;
export const LEVEL_LABEL = { fundamentals: "Fundamentals", intermediate: "Intermediate", advanced: "Advanced" } as const;
export const SESSION_TYPE_LABEL = {
  S: "Spark",
  W: "Workshop",
  MM: "Mini-Masterclass",
  CAP: "Capability",
  IO: "Implementation Office",
} as const;
