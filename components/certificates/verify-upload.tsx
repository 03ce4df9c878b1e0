"use client";
import { useAction } from "convex/react";
import { FileCheck } from "lucide-react";
import { useId, useRef, useState } from "react";
import { api } from "@/convex/_generated/api";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { errorCode, errorMessage } from "@/lib/errors";
import { PendingChecks, SERVER_CHECKS, VerifyChecks, VerifyVerdict, type CheckOutcome } from "./verify-checks";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/utils";

/** Files above this are not read: the credential endpoint reads at most 1 MB (convex/certificates/model/verify.ts). */
const MAX_FILE_BYTES = 1_000_000;

/**
 * Verify any credential file: JSON, or a PNG / SVG badge with the credential baked in. The academy's server checks
 * it (our issuer and records, never an issuer or did:web the file names); the code that reads badge images loads
 * when a file is chosen.
 */
export function VerifyUpload({ academyName }: { academyName: string }) {
  const verify = useAction(api.certificates.verify.verifyCredentialJson);
  const id = useId();
  const latest = useRef(0);
  const [check, setCheck] = useState<{ file: string; outcome: CheckOutcome } | null>(null);
  const onFile = async (file: File) => {
    const mine = ++latest.current;
    const settle = (outcome: CheckOutcome) => mine === latest.current && setCheck({ file: file.name, outcome });
    settle({ status: "checking" });
    if (file.size > MAX_FILE_BYTES)
      return settle({ status: "failed", message: "That file is too large to be a credential (at most 1 MB)." });
    let json: string | null;
    try {
      const { credentialFromFile } = await import("./credential-file");
      json = await credentialFromFile(file);
    } catch (error) {
      // The image readers' errors say what is wrong with the file ("Truncated PNG chunk.").
      return settle({
        status: "failed",
        message: `This file could not be read. ${error instanceof Error ? error.message : ""}`.trim(),
      });
    }
    if (json === null) return settle({ status: "failed", message: "No credential is baked into this image." });
    try {
      settle({ status: "done", result: await verify({ credentialJson: json }) });
    } catch (error) {
      settle({
        status: "failed",
        message: errorCode(error)
          ? errorMessage(error)
          : "The file could not be checked: the verification service did not answer. Try again in a moment.",
      });
    }
  };
  const outcome = check?.outcome;
  return (
    <Card className="p-6" data-testid="verify-upload">
      <h2 className="text-base font-semibold text-gray-900">Verify a credential file</h2>
      <p className="mt-1 text-sm text-gray-600">
        {"A credential JSON, or a badge image (PNG or SVG) with the credential inside. " +
          `It verifies only if ${academyName} signed it with its own key: an issuer name in the file proves nothing. ` +
          "Nothing is stored."}
      </p>
      <label
        htmlFor={id}
        className={cn(
          "mt-3 flex cursor-pointer items-center gap-2 rounded-md border border-dashed border-gray-300 px-4 py-3",
          "text-sm text-gray-700 hover:border-brand-600",
        )}
      >
        <FileCheck className="size-5 text-brand-700" aria-hidden />
        {outcome?.status === "checking" ? "Checking…" : "Choose a .json, .png or .svg file"}
      </label>
      <input
        id={id}
        type="file"
        accept=".json,.png,.svg,application/json,image/png,image/svg+xml"
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so choosing the same file again checks it again.
          e.target.value = "";
          if (file) void onFile(file);
        }}
      />
      {check && outcome?.status === "failed" && <FormError className="mt-3">{outcome.message}</FormError>}
      {check && outcome?.status !== "failed" && (
        // Held from the moment a file is chosen (the verdict's line, a row per check), so the answer moves nothing.
        <div className="mt-4" data-testid="upload-result">
          {outcome?.status === "done" ? (
            <>
              <VerifyVerdict result={outcome.result} academyName={academyName} />
              <div className="mt-3">
                <VerifyChecks result={outcome.result} label={`Checks of ${check.file}`} />
              </div>
            </>
          ) : (
            <>
              {/* The verdict's size: two lines on a phone, one from tablets up. */}
              <Skeleton className="h-[4.125rem] sm:h-[2.875rem]" />
              <div className="mt-3">
                <PendingChecks label={`Checks of ${check.file}`} checks={SERVER_CHECKS} />
              </div>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
