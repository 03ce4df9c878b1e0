import { seedLocal } from "../scripts/seed";
import { E2E } from "./config";

export default async function globalSetup() {
  await seedLocal(process.cwd(), E2E.apiUrl, E2E.envFile);
}
