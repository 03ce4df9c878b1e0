/**
 * Fixes applied to convex-test's engine wherever we run it: in the local backend's derived copy
 * (local-backend/derive.ts) and in the Vitest suites (a transform in vitest.config.mts).
 *
 * Storage writes from actions: convex-test 0.0.60 asks whether *any* function holds the transaction lock before a
 * storage write (`ctx.storage.store` / `delete`) and, if one does, writes without a transaction of its own, which
 * the database refuses ("Write outside of transaction"). So an action storing a file while another function runs —
 * a workpool's loop beside the certificate it is issuing — failed. A write belongs to a transaction only when it runs
 * inside one (the nested-transaction store is set); convex-test 0.0.70 fixed it the same way (isInCurrentTransaction).
 */
const STORAGE_WRITE_CHECK =
  "    if (!getTransactionManager().isInTransaction()) {\n        return await withAuth().run(";
const STORAGE_WRITE_FIXED =
  "    if (!getTransactionManager().isInTransaction() || nestedTxStorage.getStore() === undefined) {\n" +
  "        return await withAuth().run(";

export function fixConvexTest(source: string): string {
  if (!source.includes(STORAGE_WRITE_CHECK)) {
    throw new Error("convex-test's writeToDatabase changed; local-backend/convex-test-fixes.ts needs porting.");
  }
  return source.replace(STORAGE_WRITE_CHECK, STORAGE_WRITE_FIXED);
}
