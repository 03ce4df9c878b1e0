import { describe, expect, test } from "vitest";
import {
  certificateDescription,
  certificateState,
  certificateTitle,
  credentialDate,
  credentialJsonLd,
  type CertificateView,
} from "@/components/certificates/certificate-view";
import { serializeJsonLd } from "@/components/seo/json-ld";

const ISSUED = Date.UTC(2026, 0, 15, 23, 30);
const VIEW: CertificateView = {
  kind: "course",
  name: "AI Fundamentals",
  description: "Completed the two-day AI Fundamentals cohort.",
  criteria: "Attend at least 75% of the sessions.",
  issuerName: "AI Enablement Academy",
  issuerId: "did:key:z6MkExample",
  recipientName: "Dana Okafor",
  cohortName: "AI Fundamentals (January)",
  issuedAt: ISSUED,
  issueStatus: "issued",
  jsonUrl: "https://api.academy.example/credentials/1",
  imageUrl: "https://api.academy.example/credentials/1/badge.png",
  verifyUrl: "https://academy.example/verify/1",
  linkedInAddUrl: "https://www.linkedin.com/profile/add",
  linkedInShareUrl: "https://www.linkedin.com/sharing",
  statusListVersion: 1,
};
const SITE = { url: "https://academy.example/", verifyUrl: "https://academy.example/verify/1" };

describe("a certificate's state on its verify page", () => {
  test("revoked outranks expired, expired outranks being issued, and only an issued, current one is valid", () => {
    const later = ISSUED + 1000;
    expect(certificateState(VIEW, later)).toBe("valid");
    expect(certificateState({ ...VIEW, expiresAt: later }, later)).toBe("valid");
    expect(certificateState({ ...VIEW, expiresAt: later - 1 }, later)).toBe("expired");
    expect(certificateState({ ...VIEW, expiresAt: later - 1, revokedAt: later - 1 }, later)).toBe("revoked");
    expect(certificateState({ ...VIEW, issueStatus: "pending" }, later)).toBe("pending");
    expect(certificateState({ ...VIEW, issueStatus: "failed" }, later)).toBe("pending");
    expect(certificateState({ ...VIEW, issueStatus: "pending", expiresAt: later - 1 }, later)).toBe("expired");
  });

  test("dates are the UTC day, whatever zone the server or browser is in", () => {
    // 23:30 UTC is already the 16th east of Greenwich.
    expect(credentialDate(ISSUED)).toBe("January 15, 2026");
  });

  test("the description never calls a certificate valid, and leads with the state when it no longer holds", () => {
    const valid = certificateDescription(VIEW, "valid");
    expect(valid).toBe(
      "Dana Okafor was awarded the AI Fundamentals certificate by AI Enablement Academy on January 15, 2026 (AI Fundamentals (January)). Check its signature, dates and revocation status on this page.",
    );
    expect(valid).not.toMatch(/valid/i);
    expect(certificateDescription({ ...VIEW, revokedAt: Date.UTC(2026, 2, 1) }, "revoked")).toMatch(
      /^Revoked on March 1, 2026\. Dana Okafor was awarded/,
    );
    expect(certificateDescription({ ...VIEW, expiresAt: Date.UTC(2027, 0, 15) }, "expired")).toMatch(
      /^Expired on January 15, 2027\. /,
    );
    expect(
      certificateDescription(
        { ...VIEW, kind: "skill", name: "Prompt Engineering — Practitioner", cohortName: "" },
        "pending",
      ),
    ).toBe(
      "Being issued. Dana Okafor was awarded the Prompt Engineering — Practitioner skill badge by AI Enablement Academy on January 15, 2026.",
    );
    expect(certificateTitle(VIEW)).toBe("AI Fundamentals, awarded to Dana Okafor");
  });

  test("structured data: the credential with its state and issuer, and the person who holds it", () => {
    const data = credentialJsonLd({ ...VIEW, expiresAt: Date.UTC(2027, 0, 15) }, "valid", SITE);
    expect(data["@graph"][0]).toEqual({
      "@type": "EducationalOccupationalCredential",
      "@id": SITE.verifyUrl,
      url: SITE.verifyUrl,
      name: "AI Fundamentals",
      description: VIEW.description,
      credentialCategory: "certificate",
      competencyRequired: VIEW.criteria,
      image: VIEW.imageUrl,
      dateCreated: "2026-01-15T23:30:00.000Z",
      expires: "2027-01-15T00:00:00.000Z",
      creativeWorkStatus: "Valid",
      recognizedBy: { "@type": "Organization", name: "AI Enablement Academy", url: SITE.url },
    });
    expect(data["@graph"][1]).toEqual({
      "@type": "Person",
      name: "Dana Okafor",
      hasCredential: { "@id": SITE.verifyUrl },
    });
    const pending = credentialJsonLd({ ...VIEW, kind: "skill", issueStatus: "pending" }, "pending", SITE)["@graph"][0];
    expect(pending).not.toHaveProperty("image");
    expect(pending).not.toHaveProperty("expires");
    expect(pending).toMatchObject({ credentialCategory: "badge", creativeWorkStatus: "Being issued" });
  });

  test("a recipient's name cannot close the structured data's script element", () => {
    const text = serializeJsonLd(
      credentialJsonLd({ ...VIEW, recipientName: "</script><script>alert(1)</script>" }, "revoked", SITE),
    );
    expect(text).not.toContain("</script>");
    expect((JSON.parse(text) as { "@graph": [unknown, { name: string }] })["@graph"][1].name).toBe(
      "</script><script>alert(1)</script>",
    );
  });
});
