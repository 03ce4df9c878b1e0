/** `npm run bench`: runs every benchmark and writes bench-results/latest.json. */
import fs from "node:fs";
import { benchAssessments } from "./assessments";
import { benchCertificates } from "./certificates";
import { benchDashboards } from "./dashboards";
import { benchLocalBackend } from "./local-backend";
import { machine } from "./machine";

const results = [];
console.log("local backend: 50 subscribers × 500 mutations …");
results.push(await benchLocalBackend());
console.log(results[results.length - 1]);

console.log("certificates: 50 timed + a 500-learner cohort …");
results.push(await benchCertificates());
console.log(results[results.length - 1]);

console.log("dashboards: 1,000 and 10,000 learners (about 3 minutes) …");
results.push(await benchDashboards());
console.log(JSON.stringify(results[results.length - 1], null, 2));

console.log("assessments: submit-and-grade of 20 questions × 30, learning-gain refresh at 1,000 and 10,000 learners …");
results.push(await benchAssessments());
console.log(JSON.stringify(results[results.length - 1], null, 2));

const report = {
  generatedAt: new Date().toISOString(),
  machine: machine(),
  results,
};
fs.mkdirSync("bench-results", { recursive: true });
fs.writeFileSync("bench-results/latest.json", JSON.stringify(report, null, 2) + "\n");
console.log("wrote bench-results/latest.json");
