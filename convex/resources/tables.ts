/** The resource library: resources, glossary, prompt library, interactions and bookmarks (spec tables). */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vBookmarkType,
  vPromptAccess,
  vPromptCategory,
  vPromptVariable,
  vResourceAccess,
  vResourceInteraction,
  vResourceType,
} from "../validators";

export const resourcesTables = {
  resources: defineTable({
    title: v.string(),
    slug: v.string(),
    description: v.string(),
    type: vResourceType,
    category: v.string(),
    tags: v.array(v.string()),
    content: v.optional(v.string()),
    fileId: v.optional(v.id("_storage")),
    fileType: v.optional(v.string()),
    externalUrl: v.optional(v.string()),
    videoUrl: v.optional(v.string()),
    accessLevel: vResourceAccess,
    courseIds: v.optional(v.array(v.id("courses"))),
    authorId: v.optional(v.id("users")),
    skillIds: v.optional(v.array(v.id("skills"))),
    downloadCount: v.number(),
    viewCount: v.number(),
    rating: v.optional(v.number()),
    ratingCount: v.number(),
    isFeatured: v.boolean(),
    isActive: v.boolean(),
    sortOrder: v.number(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_type_and_isActive", ["type", "isActive"])
    .index("by_category_and_isActive", ["category", "isActive"])
    .index("by_isFeatured_and_isActive", ["isFeatured", "isActive"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["type", "category", "isActive"] }),

  glossaryTerms: defineTable({
    term: v.string(),
    slug: v.string(),
    abbreviation: v.optional(v.string()),
    definition: v.string(),
    extendedDefinition: v.optional(v.string()),
    relatedTermIds: v.optional(v.array(v.id("glossaryTerms"))),
    skillIds: v.optional(v.array(v.id("skills"))),
    examples: v.optional(v.array(v.string())),
    category: v.string(),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_category", ["category"])
    .index("by_abbreviation", ["abbreviation"])
    .searchIndex("search_term", { searchField: "term", filterFields: ["category", "isActive"] }),

  prompts: defineTable({
    title: v.string(),
    slug: v.string(),
    description: v.string(),
    category: vPromptCategory,
    subcategory: v.string(),
    promptTemplate: v.string(),
    variables: v.array(vPromptVariable),
    exampleOutput: v.optional(v.string()),
    recommendedModels: v.array(v.string()),
    modelSettings: v.optional(v.object({ temperature: v.optional(v.number()), maxTokens: v.optional(v.number()) })),
    authorId: v.optional(v.id("users")),
    skillIds: v.optional(v.array(v.id("skills"))),
    tags: v.array(v.string()),
    useCount: v.number(),
    rating: v.optional(v.number()),
    ratingCount: v.number(),
    isFeatured: v.boolean(),
    isActive: v.boolean(),
    accessLevel: vPromptAccess,
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_category_and_isActive", ["category", "isActive"])
    .index("by_isFeatured_and_isActive", ["isFeatured", "isActive"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["category", "subcategory", "isActive"] }),

  resourceInteractions: defineTable({
    userId: v.id("users"),
    resourceId: v.id("resources"),
    interactionType: vResourceInteraction,
    rating: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_resourceId", ["resourceId"])
    .index("by_userId_and_resourceId", ["userId", "resourceId"]),

  userBookmarks: defineTable({
    userId: v.id("users"),
    resourceType: vBookmarkType,
    resourceId: v.string(),
    notes: v.optional(v.string()),
    createdAt: v.number(),
  }).index("by_userId_and_resourceType", ["userId", "resourceType"]),
};
