/** A course's enablement kit: files and links platform admins add for its learners. */
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation } from "../functions";
import { boundedText, optionalText, TEXT_LIMITS } from "../limits";
import { vKitItemType } from "../validators";

export const generateUploadUrl = platformAdminMutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => await ctx.storage.generateUploadUrl(),
});

export const add = platformAdminMutation({
  args: {
    courseId: v.id("courses"),
    title: v.string(),
    type: vKitItemType,
    fileId: v.optional(v.id("_storage")),
    externalUrl: v.optional(v.string()),
  },
  returns: v.id("enablementKitItems"),
  handler: async (ctx, { courseId, type, fileId, ...text }) => {
    const title = boundedText(text.title, "the item's title", TEXT_LIMITS.title, { min: 2 });
    const externalUrl = optionalText(text.externalUrl, "the link", TEXT_LIMITS.url);
    if (!fileId && !externalUrl) throw appError("INVALID_INPUT", "Upload a file or give a link.");
    if (externalUrl && !/^https:\/\//.test(externalUrl))
      throw appError("INVALID_INPUT", "Links must start with https://.");
    if (fileId && (await ctx.db.system.get("_storage", fileId)) === null)
      throw appError("NOT_FOUND", "The uploaded file was not found; upload it again.");
    const existing = await ctx.db
      .query("enablementKitItems")
      .withIndex("by_courseId", (q) => q.eq("courseId", courseId))
      .take(100);
    return await ctx.db.insert("enablementKitItems", {
      courseId,
      title,
      type,
      fileId,
      externalUrl,
      order: existing.length,
      createdAt: Date.now(),
    });
  },
});

export const remove = platformAdminMutation({
  args: { itemId: v.id("enablementKitItems") },
  returns: v.null(),
  handler: async (ctx, { itemId }) => {
    const item = await ctx.db.get("enablementKitItems", itemId);
    if (item === null) throw appError("NOT_FOUND", "This item no longer exists.");
    if (item.fileId) await ctx.storage.delete(item.fileId);
    await ctx.db.delete("enablementKitItems", itemId);
    return null;
  },
});
