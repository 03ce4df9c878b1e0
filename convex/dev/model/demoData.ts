/** The demo academy's catalogue and people, used by `dev/seed:run` (local and staging only). */
import type { CapabilityLevel, CourseFormat, SessionType } from "../../validators";

export type DemoSession = { title: string; type: SessionType; day: number; minutes: number; description: string };
export type DemoCourse = {
  slug: string;
  title: string;
  tagline: string;
  description: string;
  format: CourseFormat;
  level: CapabilityLevel;
  impact: "L1" | "L2" | "L3";
  priceB2C: number;
  priceB2B: number;
  maxParticipants: number;
  outcomes: string[];
  sessions: DemoSession[];
  skills: string[];
};

const intensive = (topic: string): DemoSession[] => [
  {
    title: "Opening Spark: why this matters now",
    type: "S",
    day: 1,
    minutes: 30,
    description: `Where ${topic} creates value this quarter, and the goals you bring.`,
  },
  {
    title: `Mini-Masterclass: the core ideas of ${topic}`,
    type: "MM",
    day: 1,
    minutes: 60,
    description: "Concepts, vocabulary and the mental models that make the rest click.",
  },
  {
    title: "Workshop: hands-on with your own work",
    type: "W",
    day: 1,
    minutes: 90,
    description: "Apply the ideas to a real task from your job, with coaching in small groups.",
  },
  {
    title: "Capability Session: tool mastery",
    type: "CAP",
    day: 1,
    minutes: 60,
    description: "Deep practice in the tools, from first prompt to a repeatable workflow.",
  },
  {
    title: "Implementation Office: day-one clinic",
    type: "IO",
    day: 1,
    minutes: 45,
    description: "Group coaching on what you will try tomorrow.",
  },
  {
    title: "Mini-Masterclass: patterns that scale",
    type: "MM",
    day: 2,
    minutes: 60,
    description: "What separates one-off wins from team-wide adoption.",
  },
  {
    title: "Workshop: build your playbook",
    type: "W",
    day: 2,
    minutes: 90,
    description: "Turn yesterday's experiments into a documented, shareable workflow.",
  },
  {
    title: "Capability Session: quality and risk",
    type: "CAP",
    day: 2,
    minutes: 60,
    description: "Checking outputs, handling data safely, and knowing when not to use AI.",
  },
  {
    title: "Implementation Office: 30-day plan",
    type: "IO",
    day: 2,
    minutes: 45,
    description: "Commit to a plan with measurable outcomes and an accountability partner.",
  },
  {
    title: "Closing Spark: demos and next steps",
    type: "S",
    day: 2,
    minutes: 30,
    description: "Share what you built and leave with your enablement kit.",
  },
];

export const DEMO_COURSES: DemoCourse[] = [
  {
    slug: "ai-enablement-intensive",
    title: "AI Enablement Intensive",
    tagline: "Two days from curious to capable, with your own work on the table.",
    description:
      "Our flagship two-day cohort. Small groups, real tasks from your job, and an enablement kit you keep: " +
      "slides, prompt library, templates and worksheets. " +
      "You leave with a 30-day implementation plan and 90 days of office hours.",
    format: "cohort",
    level: "fundamentals",
    impact: "L1",
    priceB2C: 149_700,
    priceB2B: 119_700,
    maxParticipants: 24,
    outcomes: [
      "Write prompts that produce reliable, reviewable output",
      "Redesign three recurring tasks of your role with AI",
      "Judge quality and risk before you ship AI-assisted work",
      "Leave with a 30-day plan your manager can support",
    ],
    sessions: intensive("AI at work"),
    skills: ["prompt-engineering", "ai-literacy", "workflow-automation"],
  },
  {
    slug: "prompt-engineering-mastery",
    title: "Prompt Engineering Mastery",
    tagline: "Systematic prompting for analysts, marketers and operators.",
    description: "A two-day cohort on structured prompting, evaluation and reusable prompt libraries for your team.",
    format: "cohort",
    level: "intermediate",
    impact: "L1",
    priceB2C: 129_700,
    priceB2B: 99_700,
    maxParticipants: 20,
    outcomes: [
      "Design prompts with explicit structure and checks",
      "Evaluate outputs against a rubric",
      "Publish a team prompt library",
    ],
    sessions: intensive("prompt engineering"),
    skills: ["prompt-engineering", "ai-evaluation"],
  },
  {
    slug: "ai-strategy-for-leaders",
    title: "AI Strategy for Leaders",
    tagline: "Set direction, budget and governance for AI in your organization.",
    description:
      "A two-day cohort for executives and L&D leaders: portfolio thinking, change management and measuring ROI.",
    format: "cohort",
    level: "advanced",
    impact: "L3",
    priceB2C: 249_700,
    priceB2B: 199_700,
    maxParticipants: 16,
    outcomes: [
      "Build an AI opportunity portfolio",
      "Define governance that enables rather than blocks",
      "Measure learning and business impact",
    ],
    sessions: intensive("AI strategy"),
    skills: ["ai-strategy", "change-leadership", "ai-governance"],
  },
  {
    slug: "ai-executive-briefing",
    title: "AI in 90 Minutes: Executive Briefing",
    tagline: "What leaders need to know this quarter, in one live session.",
    description:
      "A 90-minute live webinar with Q&A: the state of the tools, what peers are doing, " +
      "and the three decisions to make now.",
    format: "webinar",
    level: "fundamentals",
    impact: "L3",
    priceB2C: 19_700,
    priceB2B: 14_700,
    maxParticipants: 200,
    outcomes: ["Separate signal from hype", "Know the three decisions to make this quarter"],
    sessions: [
      { title: "Executive Briefing (live)", type: "MM", day: 1, minutes: 90, description: "Briefing and open Q&A." },
    ],
    skills: ["ai-strategy", "ai-literacy"],
  },
  {
    slug: "agent-build-hackathon",
    title: "Agent Build Hackathon",
    tagline: "Four weeks, one team, one working AI agent for a real process.",
    description:
      "A multi-week hackathon: weekly check-ins, mentor office hours and a demo day judged by practitioners.",
    format: "hackathon",
    level: "advanced",
    impact: "L2",
    priceB2C: 89_700,
    priceB2B: 69_700,
    maxParticipants: 40,
    outcomes: [
      "Ship a working agent for a real workflow",
      "Evaluate and monitor it responsibly",
      "Present the business case",
    ],
    sessions: [
      {
        title: "Kick-off and team formation",
        type: "S",
        day: 1,
        minutes: 60,
        description: "Problem statements, teams, and the rules.",
      },
      {
        title: "Agent architecture masterclass",
        type: "MM",
        day: 1,
        minutes: 60,
        description: "Tools, memory, evaluation.",
      },
      { title: "Week 2 build check-in", type: "IO", day: 8, minutes: 45, description: "Unblock and review progress." },
      {
        title: "Week 3 build check-in",
        type: "IO",
        day: 15,
        minutes: 45,
        description: "Evaluation and safety review.",
      },
      { title: "Demo day", type: "S", day: 28, minutes: 120, description: "Present, get judged, celebrate." },
    ],
    skills: ["workflow-automation", "ai-evaluation"],
  },
  {
    slug: "ai-fundamentals",
    title: "AI Fundamentals",
    tagline: "The first step of the AI Foundations Track.",
    description: "Core AI concepts and terminology, in a two-day cohort.",
    format: "cohort",
    level: "fundamentals",
    impact: "L1",
    priceB2C: 99_700,
    priceB2B: 79_700,
    maxParticipants: 24,
    outcomes: ["Understand core AI concepts and terminology", "Use AI safely at work"],
    sessions: intensive("AI fundamentals"),
    skills: ["ai-literacy"],
  },
  {
    slug: "change-management-for-ai",
    title: "Change Management for AI",
    tagline: "Lead the people side of AI adoption.",
    description: "Two days on adoption curves, champions networks and communication plans.",
    format: "cohort",
    level: "intermediate",
    impact: "L2",
    priceB2C: 149_700,
    priceB2B: 119_700,
    maxParticipants: 20,
    outcomes: ["Lead organizational change for AI transformation"],
    sessions: intensive("change management"),
    skills: ["change-leadership"],
  },
];

/**
 * The demo's skills: `level` is the highest level the academy certifies; competencies are what an instructor records
 * evidence against (the spec's example taxonomy); prerequisites name skills to learn first.
 */
export const DEMO_SKILLS = [
  {
    slug: "ai-literacy",
    name: "AI Literacy",
    category: "technical",
    level: "practitioner",
    prerequisites: [],
    competencies: ["Explain how language models work", "Spot hallucinations", "Use AI safely with company data"],
  },
  {
    slug: "prompt-engineering",
    name: "Prompt Engineering",
    category: "technical",
    level: "expert",
    prerequisites: ["ai-literacy"],
    competencies: ["Write system prompts", "Chain-of-thought prompting", "Few-shot examples", "Prompt optimization"],
  },
  {
    slug: "workflow-automation",
    name: "Workflow Automation",
    category: "technical",
    level: "advanced",
    prerequisites: ["prompt-engineering"],
    competencies: ["Process mapping", "Integration design", "Automation testing"],
  },
  {
    slug: "ai-evaluation",
    name: "AI Output Evaluation",
    category: "technical",
    level: "advanced",
    prerequisites: ["prompt-engineering"],
    competencies: ["Define quality criteria", "Build an evaluation set"],
  },
  {
    slug: "ai-strategy",
    name: "AI Strategy",
    category: "strategic",
    level: "expert",
    prerequisites: [],
    competencies: ["Opportunity assessment", "Roadmap creation", "Stakeholder alignment"],
  },
  {
    slug: "change-leadership",
    name: "Change Leadership",
    category: "leadership",
    level: "expert",
    prerequisites: [],
    competencies: ["Resistance handling", "Communication planning", "Adoption tracking"],
  },
  {
    slug: "ai-governance",
    name: "AI Governance",
    category: "leadership",
    level: "expert",
    prerequisites: ["ai-strategy"],
    competencies: ["Policy development", "Ethical frameworks", "Audit processes"],
  },
] as const;

/** Accounts offered under "Sign in as…" in local mode. */
export const DEMO_ACCOUNTS = [
  { email: "admin@aienablement.academy", name: "Priya Raman", role: "platform_admin", label: "Platform admin" },
  { email: "maya.chen@aienablement.academy", name: "Maya Chen", role: "individual", label: "Instructor" },
  { email: "alex.rivera@example.com", name: "Alex Rivera", role: "individual", label: "Learner (B2C)" },
  { email: "jordan.blake@acme.com", name: "Jordan Blake", role: "org_admin", label: "Acme org admin" },
  { email: "sam.patel@acme.com", name: "Sam Patel", role: "org_member", label: "Acme manager (Marketing)" },
  { email: "lee.nguyen@acme.com", name: "Lee Nguyen", role: "org_member", label: "Acme viewer" },
  { email: "taylor.brooks@acme.com", name: "Taylor Brooks", role: "org_member", label: "Acme learner" },
] as const;

export const ACME_TEAMS = ["Marketing", "Engineering", "Customer Success"] as const;

const FIRST = [
  "Ava",
  "Ben",
  "Chloe",
  "Diego",
  "Elena",
  "Farah",
  "Gabe",
  "Hana",
  "Ivan",
  "Jade",
  "Kofi",
  "Lena",
  "Marco",
  "Nina",
  "Omar",
  "Pia",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Uma",
  "Victor",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Aaron",
  "Bea",
  "Carlos",
  "Dana",
  "Eli",
  "Fiona",
  "Gus",
  "Hugo",
  "Isla",
  "Jonas",
];
const LAST = [
  "Adams",
  "Bauer",
  "Costa",
  "Dubois",
  "Evans",
  "Fischer",
  "Garcia",
  "Hughes",
  "Ito",
  "Jensen",
  "Khan",
  "Larsen",
  "Moreau",
  "Novak",
  "Okafor",
  "Park",
  "Quist",
  "Rossi",
  "Silva",
  "Tanaka",
  "Ueda",
  "Varga",
  "Wright",
  "Xu",
  "Yilmaz",
  "Zhang",
  "Alvarez",
  "Becker",
  "Chen",
  "Diaz",
  "Eriksen",
  "Ferrari",
  "Gupta",
  "Haddad",
  "Ivanova",
  "Johansson",
];

/** 36 Acme learners besides the named demo accounts (40 with them). */
export const ACME_LEARNERS = FIRST.map((first, i) => ({
  name: `${first} ${LAST[i]}`,
  email: `${first.toLowerCase()}.${LAST[i].toLowerCase()}@acme.com`,
  team: ACME_TEAMS[i % ACME_TEAMS.length],
}));
