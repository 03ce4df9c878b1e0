"use client";
import { useQuery } from "convex/react";
import { Award } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import { MY_CERTIFICATE_STATUS } from "@/lib/labels";

/** The learner's certificates, each opening its public, verifiable page. */
export function MyCertificates() {
  const certificates = useQuery(api.certificates.holders.mine);
  if (!certificates || certificates.length === 0) return null;
  return (
    <Card className="p-5" data-testid="my-certificates">
      <h2 className="text-lg font-semibold text-gray-900">Certificates</h2>
      <p className="text-sm text-gray-600">
        Signed Open Badges 3.0 credentials: anyone can verify them, and you can add them to LinkedIn.
      </p>
      <ul className="mt-3 divide-y divide-gray-100 rounded-md border border-gray-200">
        {certificates.map((c) => (
          <li key={c.publicId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5">
            <div className="flex items-center gap-2">
              <Award className="size-5 text-brand-700" aria-hidden />
              <div>
                <Link href={`/verify/${c.publicId}`} className="text-sm font-medium text-gray-900 hover:underline">
                  {c.name}
                </Link>
                <p className="text-xs text-gray-600">
                  {c.cohortName} · issued {formatDate(c.issuedAt)}
                  {c.expiresAt ? ` · valid until ${formatDate(c.expiresAt)}` : ""}
                </p>
              </div>
            </div>
            {c.revoked ? (
              <Badge tone="danger">Revoked</Badge>
            ) : (
              <Badge tone={MY_CERTIFICATE_STATUS[c.issueStatus].tone}>
                {MY_CERTIFICATE_STATUS[c.issueStatus].label}
              </Badge>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
