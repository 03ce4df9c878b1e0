import { ShieldX } from "lucide-react";
import { VerifyUpload } from "@/components/certificates/verify-upload";
import { academyIssuer } from "@/lib/convex/certificates";
import { cn } from "@/lib/utils";

/** An unknown or malformed certificate link (status 404): say so, and offer to check the credential file instead. */
export default async function CertificateNotFound() {
  const academy = await academyIssuer();
  return (
    <div className="mx-auto max-w-[900px] px-4 py-10">
      <div
        className={cn(
          "flex flex-col items-center rounded-lg border border-dashed border-gray-300 bg-white",
          "px-6 py-12 text-center",
        )}
      >
        <ShieldX className="size-8 text-gray-400" aria-hidden />
        <h1 className="mt-3 text-lg font-semibold text-gray-900">No certificate with this link</h1>
        <p className="mt-1 max-w-md text-sm text-gray-600">
          Check the link you were given, or upload the credential file below to verify it.
        </p>
      </div>
      <div className="mt-6">
        <VerifyUpload academyName={academy.name} />
      </div>
    </div>
  );
}
