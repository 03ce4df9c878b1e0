import type { Metadata } from "next";
import { ConfirmEmail } from "@/components/account/confirm-email";

export const metadata: Metadata = { title: "Confirm your new email address", robots: { index: false } };

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ConfirmEmail token={token} />;
}
