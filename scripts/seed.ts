/**
 * `npm run seed`: fills the local deployment with the demo academy (idempotent).
 * `dev/seed:run` refuses outside local mode (ACADEMY_LOCAL_MODE=1), so a real
 * deployment is never filled with demo people.
 */
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { ensureLocalEnv, LOCAL_PORTS } from "./local-env";

export async function seedLocal(root: string, url = `http://127.0.0.1:${LOCAL_PORTS.api}`, envFile?: string) {
  const env = await ensureLocalEnv(root, { file: envFile });
  const client = new ConvexHttpClient(url);
  (client as unknown as { setAdminAuth(key: string): void }).setAdminAuth(env.CONVEX_LOCAL_ADMIN_KEY);
  const run = makeFunctionReference<
    "mutation",
    { now?: number },
    { seeded: boolean; users: number; courses: number; cohorts: number }
  >("dev/seed:run");
  return await client.mutation(run, {});
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.CONVEX_DEPLOYMENT) {
    console.log(
      "A real deployment is configured; the demo academy is seeded only into the local backend (local mode).",
    );
    process.exit(1);
  }
  try {
    const result = await seedLocal(process.cwd(), process.env.NEXT_PUBLIC_CONVEX_URL);
    console.log(
      result.seeded
        ? `Seeded the demo academy: ${result.users} people, ${result.courses} courses, ${result.cohorts} cohorts.`
        : "The academy already has data; nothing to do. (`npm run dev -- --reset` starts over.)",
    );
  } catch (error) {
    console.error(`Could not seed: ${(error as Error).message}\nIs the local backend running (npm run dev)?`);
    process.exit(1);
  }
}
