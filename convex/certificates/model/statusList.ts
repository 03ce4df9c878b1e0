/**
 * The revocation list (Bitstring Status List) as stored: its bits (bit i, most significant first, is the certificate
 * with statusListIndex i) and versions. `updateStatusList` is the one write of new bits — a revocation and the end of a
 * rebuild — and has the list re-signed.
 */
import { internal } from "../../_generated/api";
import type { Doc } from "../../_generated/dataModel";
import type { ActionCtx, MutationCtx, QueryCtx } from "../../_generated/server";
import { STATUS_LIST_LENGTH } from "../shared/openBadges";
import { signStatusList } from "./signing";
import { STATUS_LIST_NUMBER, statusListUrl } from "./urls";
import { refreshPathsForCourse } from "../../paths/model/progress";

/** The revocation list row (null until the first revocation or signing). */
export async function statusListRow(ctx: QueryCtx, listNumber = STATUS_LIST_NUMBER) {
  return await ctx.db
    .query("credentialStatusLists")
    .withIndex("by_listNumber", (q) => q.eq("listNumber", listNumber))
    .unique();
}

/** A revocation list with no bit set. */
export function emptyStatusBits() {
  return new ArrayBuffer(STATUS_LIST_LENGTH / 8);
}

/** Sets bit `index` (most significant bit of each byte first, as Bitstring Status List encodes it). */
function setBit(bits: Uint8Array, index: number) {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8)
    throw new Error(`Status list index ${index} is outside the list.`);
  bits[index >> 3] |= 0x80 >> (index & 7);
}

/**
 * Revokes a certificate: records when and why, and sets its bit in the stored revocation list
 * (bumping its version, which tells the re-signing action there is something new to sign). Lists
 * from before the bits were stored are rebuilt from the revoked certificates instead, this one included.
 */
export async function recordRevocation(ctx: MutationCtx, certificate: Doc<"certificates">, reason: string) {
  const now = Date.now();
  await ctx.db.patch("certificates", certificate._id, { revokedAt: now, revocationReason: reason });
  // A revoked course certificate no longer completes its steps in the learner's paths.
  if ((certificate.kind ?? "course") === "course") {
    await refreshPathsForCourse(ctx, certificate.userId, certificate.courseId);
  }
  const row = await statusListRow(ctx);
  const index = certificate.statusListIndex;
  if (row !== null && row.bits === undefined) {
    await startStatusListRebuild(ctx);
    return;
  }
  const bits = new Uint8Array(row?.bits ? row.bits.slice(0) : emptyStatusBits());
  if (index !== undefined) setBit(bits, index);
  await updateStatusList(ctx, row, bits);
}

/**
 * The one write of new revocation bits (a revocation, or the last page of a rebuild): stores them, bumps the version
 * — a slower re-sign of an older version never overwrites a newer one — and has the list re-signed.
 */
async function updateStatusList(
  ctx: MutationCtx,
  row: Doc<"credentialStatusLists"> | null,
  bits: Uint8Array,
  { endsRebuild = false } = {},
) {
  const now = Date.now();
  if (row === null)
    await ctx.db.insert("credentialStatusLists", {
      listNumber: STATUS_LIST_NUMBER,
      version: 1,
      bits: bits.buffer as ArrayBuffer,
      updatedAt: now,
    });
  else
    await ctx.db.patch("credentialStatusLists", row._id, {
      bits: bits.buffer as ArrayBuffer,
      ...(endsRebuild ? { rebuilding: undefined } : {}),
      version: row.version + 1,
      updatedAt: now,
    });
  await ctx.scheduler.runAfter(0, internal.certificates.revocation.resignStatusList, {});
}

const REBUILD_PAGE = 1_000;

/** Starts rebuilding the list's bits from the revoked certificates (pages of 1,000); signing waits until it is done. */
export async function startStatusListRebuild(ctx: MutationCtx) {
  const row = await statusListRow(ctx);
  if (row?.rebuilding) return;
  const now = Date.now();
  if (row === null)
    await ctx.db.insert("credentialStatusLists", {
      listNumber: STATUS_LIST_NUMBER,
      version: 1,
      bits: emptyStatusBits(),
      rebuilding: true,
      updatedAt: now,
    });
  else
    await ctx.db.patch("credentialStatusLists", row._id, {
      bits: row.bits ?? emptyStatusBits(),
      rebuilding: true,
      updatedAt: now,
    });
  await ctx.scheduler.runAfter(0, internal.certificates.revocation.rebuildStatusList, { cursor: null });
}

/**
 * One page of the rebuild: sets the bits of these revoked certificates; the last page bumps the version and has the
 * list re-signed.
 */
export async function rebuildStatusListPage(ctx: MutationCtx, cursor: string | null) {
  const row = await statusListRow(ctx);
  if (row === null || !row.rebuilding) return;
  const page = await ctx.db
    .query("certificates")
    .withIndex("by_revokedAt", (q) => q.gt("revokedAt", 0))
    .paginate({ cursor, numItems: REBUILD_PAGE });
  const bits = new Uint8Array(row.bits ? row.bits.slice(0) : emptyStatusBits());
  for (const certificate of page.page)
    if (certificate.statusListIndex !== undefined) setBit(bits, certificate.statusListIndex);
  if (!page.isDone) {
    await ctx.db.patch("credentialStatusLists", row._id, { bits: bits.buffer });
    await ctx.scheduler.runAfter(0, internal.certificates.revocation.rebuildStatusList, {
      cursor: page.continueCursor,
    });
    return;
  }
  await updateStatusList(ctx, row, bits, { endsRebuild: true });
}

/**
 * Signs the revocation list as stored when it has changed since it was last signed (an empty one when nothing was ever
 * revoked).
 */
export async function ensureStatusListSigned(ctx: Pick<ActionCtx, "runQuery" | "runMutation">) {
  const list = await ctx.runQuery(internal.certificates.revocation.statusListState, {});
  if (list.state === "rebuilding") return;
  if (list.state === "needsRebuild") {
    await ctx.runMutation(internal.certificates.revocation.rebuildRevocationList, {});
    return;
  }
  if (list.state === "ready" && list.signedVersion >= list.version) return;
  const [bits, version] = list.state === "ready" ? [list.bits, list.version] : [emptyStatusBits(), 0];
  const signed = await signStatusList(statusListUrl(), bits);
  await ctx.runMutation(internal.certificates.revocation.storeStatusList, {
    signedJson: JSON.stringify(signed),
    version,
  });
}
