"use client";
import { useAction, useQuery } from "convex/react";
import { FileCheck } from "lucide-react";
import { useId, useState } from "react";
import { api } from "@/convex/_generated/api";
import { extractPng, extractSvg } from "@/convex/certificates/shared/baking";
import { Card } from "@/components/ui/card";
import { errorMessage } from "@/lib/errors";
import { VerifyChecks, VerifyVerdict, type Verification } from "./verify-checks";

/** Verify any credential file: JSON, or a PNG / SVG badge with the credential baked in. */
export function VerifyUpload() {
  const verify = useAction(api.certificates.verify.verifyCredentialJson);
  const academy = useQuery(api.certificates.verify.academyIssuer);
  const id = useId();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const json = file.type === "image/png" || file.name.endsWith(".png") ? extractPng(new Uint8Array(await file.arrayBuffer())) : file.type.includes("svg") || file.name.endsWith(".svg") ? extractSvg(await file.text()) : await file.text();
      if (!json) throw new Error("No credential is baked into this image.");
      setResult(await verify({ credentialJson: json }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="p-6">
      <h2 className="text-base font-semibold text-gray-900">Verify a credential file</h2>
      <p className="mt-1 text-sm text-gray-600">
        A credential JSON, or a badge image (PNG or SVG) with the credential inside. It verifies only if {academy?.name ?? "this academy"} signed it with its own key: an issuer name in the file proves nothing. Nothing is stored.
      </p>
      <label htmlFor={id} className="mt-3 flex cursor-pointer items-center gap-2 rounded-md border border-dashed border-gray-300 px-4 py-3 text-sm text-gray-700 hover:border-brand-400">
        <FileCheck className="size-5 text-brand-700" aria-hidden />
        {busy ? "Checking…" : "Choose a .json, .png or .svg file"}
      </label>
      <input id={id} type="file" accept=".json,.png,.svg,application/json,image/png,image/svg+xml" className="sr-only" onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
      {error && (
        <p className="mt-3 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="mt-4" data-testid="upload-result">
          <VerifyVerdict result={result} academyName={academy?.name ?? "this academy"} />
          <div className="mt-3">
            <VerifyChecks result={result} label="Checks" />
          </div>
        </div>
      )}
    </Card>
  );
}
