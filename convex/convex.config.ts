import { defineApp } from "convex/server";
import migrations from "@convex-dev/migrations/convex.config";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import resend from "@convex-dev/resend/convex.config";
import workpool from "@convex-dev/workpool/convex.config";

const app = defineApp();
app.use(rateLimiter);
app.use(migrations);
app.use(resend);
// Bounded, retried background work: signing and rendering credentials, generating report files.
app.use(workpool, { name: "certificateIssuing" });
app.use(workpool, { name: "reportGeneration" });
export default app;
