import type { Metadata } from "next";
import { VerifyCertificate } from "@/components/certificates/verify-certificate";

export const metadata: Metadata = { title: "Verify a certificate" };

export default async function VerifyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <VerifyCertificate publicId={id} />;
}
