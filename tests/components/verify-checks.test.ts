import { describe, expect, test } from "vitest";
import { splitAtIdentifier } from "@/components/certificates/verify-checks";

describe("a check's answer puts the identifier it names on a line of its own", () => {
  test("a DID after the sentence", () => {
    expect(splitAtIdentifier("Valid eddsa-rdfc-2022 signature by did:key:z6MkExample.")).toEqual([
      "Valid eddsa-rdfc-2022 signature by",
      "did:key:z6MkExample.",
    ]);
  });
  test("a parenthesised DID keeps its parenthesis", () => {
    expect(splitAtIdentifier("Issued by AI Enablement Academy (did:web:academy.example).")).toEqual([
      "Issued by AI Enablement Academy",
      "(did:web:academy.example).",
    ]);
  });
  test("a credential's urn:uuid", () => {
    expect(
      splitAtIdentifier("Matches the credential this academy issued (urn:uuid:0f1e2d3c-0000-4000-8000-000000000000)."),
    ).toEqual(["Matches the credential this academy issued", "(urn:uuid:0f1e2d3c-0000-4000-8000-000000000000)."]);
  });
  test("only the first identifier starts a line", () => {
    expect(splitAtIdentifier("Validly signed by did:key:z6MkA, not did:key:z6MkB.")).toEqual([
      "Validly signed by",
      "did:key:z6MkA, not did:key:z6MkB.",
    ]);
  });
  test("an answer without one, or made only of one, stays whole", () => {
    expect(splitAtIdentifier("Not revoked.")).toEqual(["Not revoked.", null]);
    expect(splitAtIdentifier("did:key:z6MkA")).toEqual(["did:key:z6MkA", null]);
  });
});
