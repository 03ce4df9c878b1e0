/**
 * Our own JSON Schema (draft 2020-12) of the Open Badges 3.0 AchievementCredential in its VC 2.0 form,
 * written from the spec's data model: the required properties and their types, the required `type`
 * members, the contexts, an AchievementSubject identified by `id` or a (hashed) `identifier`, and
 * Data Integrity proofs. Extensions are allowed where the spec allows them (not on AchievementSubject
 * or IdentityObject, which the spec closes).
 *
 * The verifier runs it through a validator compiled ahead of time (`achievementCredentialValidator.ts`,
 * made by `npm run codegen:credential-schema`): Convex's runtime does not compile code from strings.
 */
const uri = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$" } as const;
/** A date-time with its time zone (DateTimeZ), e.g. 2026-11-20T12:00:00Z. */
const dateTimeZ = {
  type: "string",
  pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$",
} as const;

/** A `type` given as one IRI or an unordered set of them, which must include `member`. */
function typeIncluding(member: string) {
  return {
    oneOf: [{ const: member }, { type: "array", items: { type: "string" }, contains: { const: member } }],
  };
}

export const ACHIEVEMENT_CREDENTIAL_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:aienablement-academy:schema:ob-v3p0-achievement-credential:vc2",
  title: "Open Badges 3.0 AchievementCredential (VC 2.0)",
  type: "object",
  required: ["@context", "id", "type", "name", "issuer", "validFrom", "credentialSubject"],
  properties: {
    "@context": {
      type: "array",
      minItems: 2,
      prefixItems: [
        { const: "https://www.w3.org/ns/credentials/v2" },
        { type: "string", pattern: "^https://purl\\.imsglobal\\.org/spec/ob/v3p0/context(-3\\.\\d+\\.\\d+)?\\.json$" },
      ],
      items: { anyOf: [uri, { type: "object" }] },
    },
    id: uri,
    type: {
      type: "array",
      items: { type: "string" },
      allOf: [
        { contains: { const: "VerifiableCredential" } },
        { contains: { enum: ["AchievementCredential", "OpenBadgeCredential"] } },
      ],
    },
    name: { type: "string" },
    description: { type: "string" },
    image: { $ref: "#/$defs/Image" },
    issuer: { anyOf: [uri, { $ref: "#/$defs/Profile" }] },
    validFrom: dateTimeZ,
    validUntil: dateTimeZ,
    awardedDate: dateTimeZ,
    credentialSubject: { $ref: "#/$defs/AchievementSubject" },
    evidence: { type: "array", items: { $ref: "#/$defs/Evidence" } },
    credentialSchema: {
      oneOf: [{ $ref: "#/$defs/CredentialSchema" }, { type: "array", items: { $ref: "#/$defs/CredentialSchema" } }],
    },
    credentialStatus: { $ref: "#/$defs/CredentialStatus" },
    proof: { oneOf: [{ $ref: "#/$defs/Proof" }, { type: "array", minItems: 1, items: { $ref: "#/$defs/Proof" } }] },
  },
  $defs: {
    Profile: {
      type: "object",
      required: ["id", "type"],
      properties: {
        id: uri,
        type: typeIncluding("Profile"),
        name: { type: "string" },
        url: uri,
        email: { type: "string" },
        description: { type: "string" },
        image: { $ref: "#/$defs/Image" },
      },
    },
    Image: {
      type: "object",
      required: ["id", "type"],
      properties: { id: uri, type: { const: "Image" }, caption: { type: "string" } },
    },
    AchievementSubject: {
      type: "object",
      required: ["type", "achievement"],
      anyOf: [
        { required: ["id"] },
        { required: ["identifier"], properties: { identifier: { type: "array", minItems: 1 } } },
      ],
      properties: {
        id: uri,
        type: typeIncluding("AchievementSubject"),
        identifier: { type: "array", items: { $ref: "#/$defs/IdentityObject" } },
        achievement: { $ref: "#/$defs/Achievement" },
        activityStartDate: dateTimeZ,
        activityEndDate: dateTimeZ,
        creditsEarned: { type: "number" },
        image: { $ref: "#/$defs/Image" },
        licenseNumber: { type: "string" },
        narrative: { type: "string" },
        result: { type: "array", items: { type: "object", required: ["type"] } },
        role: { type: "string" },
        source: { $ref: "#/$defs/Profile" },
        term: { type: "string" },
      },
      additionalProperties: false,
    },
    IdentityObject: {
      type: "object",
      required: ["type", "hashed", "identityHash", "identityType"],
      properties: {
        type: { const: "IdentityObject" },
        hashed: { type: "boolean" },
        identityHash: { type: "string" },
        identityType: {
          anyOf: [
            {
              enum: [
                "sourcedId",
                "systemId",
                "productId",
                "userName",
                "accountId",
                "emailAddress",
                "nationalIdentityNumber",
                "isbn",
                "issn",
                "lisSourcedId",
                "oneRosterSourcedId",
                "sisSourcedId",
                "ltiContextId",
                "ltiDeploymentId",
                "ltiToolId",
                "ltiPlatformId",
                "ltiUserId",
                "identifier",
              ],
            },
            { type: "string", pattern: "^ext:[A-Za-z0-9._-]+$" },
          ],
        },
        salt: { type: "string" },
      },
      // A hashed identity is "algorithm$hex" (sha256 or md5), over the identifier and the salt.
      if: { properties: { hashed: { const: true } }, required: ["hashed"] },
      then: { properties: { identityHash: { type: "string", pattern: "^(sha256|md5)\\$[0-9a-fA-F]+$" } } },
      additionalProperties: false,
    },
    Achievement: {
      type: "object",
      required: ["id", "type", "criteria", "description", "name"],
      properties: {
        id: uri,
        type: typeIncluding("Achievement"),
        achievementType: {
          anyOf: [
            {
              enum: [
                "Achievement",
                "ApprenticeshipCertificate",
                "Assessment",
                "Assignment",
                "AssociateDegree",
                "Award",
                "Badge",
                "BachelorDegree",
                "Certificate",
                "CertificateOfCompletion",
                "Certification",
                "CommunityService",
                "Competency",
                "Course",
                "CoCurricular",
                "Degree",
                "Diploma",
                "DoctoralDegree",
                "Fieldwork",
                "GeneralEducationDevelopment",
                "JourneymanCertificate",
                "LearningProgram",
                "License",
                "Membership",
                "ProfessionalDoctorate",
                "QualityAssuranceCredential",
                "MasterCertificate",
                "MasterDegree",
                "MicroCredential",
                "ResearchDoctorate",
                "SecondarySchoolDiploma",
              ],
            },
            { type: "string", pattern: "^ext:[A-Za-z0-9._-]+$" },
          ],
        },
        name: { type: "string" },
        description: { type: "string" },
        criteria: { $ref: "#/$defs/Criteria" },
        image: { $ref: "#/$defs/Image" },
        creator: { $ref: "#/$defs/Profile" },
        creditsAvailable: { type: "number" },
        fieldOfStudy: { type: "string" },
        humanCode: { type: "string" },
        specialization: { type: "string" },
        tag: { type: "array", items: { type: "string" } },
        version: { type: "string" },
        alignment: { type: "array", items: { type: "object", required: ["type", "targetName", "targetUrl"] } },
      },
    },
    Criteria: {
      type: "object",
      anyOf: [{ required: ["id"] }, { required: ["narrative"] }],
      properties: { id: uri, narrative: { type: "string" } },
    },
    Evidence: {
      type: "object",
      required: ["type"],
      properties: {
        id: uri,
        type: typeIncluding("Evidence"),
        narrative: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
      },
    },
    CredentialSchema: {
      type: "object",
      required: ["id", "type"],
      properties: { id: uri, type: { type: "string" } },
    },
    CredentialStatus: {
      type: "object",
      required: ["id", "type"],
      properties: { id: uri, type: { type: "string" } },
    },
    Proof: {
      type: "object",
      required: ["type"],
      properties: {
        type: { type: "string" },
        created: dateTimeZ,
        verificationMethod: uri,
        proofPurpose: { type: "string" },
        cryptosuite: { type: "string" },
        proofValue: { type: "string" },
      },
      // A Data Integrity proof names its suite, purpose, key and value.
      if: { properties: { type: { const: "DataIntegrityProof" } }, required: ["type"] },
      then: { required: ["cryptosuite", "proofPurpose", "verificationMethod", "proofValue"] },
    },
  },
} as const;
