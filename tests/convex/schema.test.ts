import { describe, expect, test } from "vitest";
import schema from "../../convex/schema";
import spec from "../fixtures/spec-tables.json";

type TableExport = {
  indexes: Array<{ indexDescriptor: string; fields: string[] }>;
  searchIndexes: Array<{ searchField: string }>;
};
const tables = schema.tables as unknown as Record<string, { export(): TableExport }>;

describe("schema covers the spec", () => {
  const specTables = Object.entries(spec.tables as Record<string, { indexes: string[][]; searchFields: string[] }>);

  test("the spec defines 56 tables and every one exists", () => {
    expect(specTables).toHaveLength(56);
    const missing = specTables.map(([name]) => name).filter((name) => !(name in tables));
    expect(missing).toEqual([]);
  });

  test.each(specTables)("%s has an index answering each spec index", (name, { indexes, searchFields }) => {
    const ours = tables[name].export();
    for (const fields of indexes) {
      // An index whose fields start with the spec's answers the same queries (see docs/schema.md).
      const covering = ours.indexes.find((index) => fields.every((field, i) => index.fields[i] === field));
      expect(covering, `${name}: no index starting with [${fields.join(", ")}]`).toBeDefined();
    }
    for (const field of searchFields) {
      expect(ours.searchIndexes.map((s) => s.searchField)).toContain(field);
    }
  });

  test("every index is named by_field_and_field (Convex Auth's own tables excepted)", () => {
    for (const [name, table] of Object.entries(tables)) {
      if (name.startsWith("auth")) continue;
      for (const index of table.export().indexes) {
        expect(index.indexDescriptor, `${name}.${index.indexDescriptor}`).toBe(`by_${index.fields.join("_and_")}`);
      }
    }
  });
});
