"use client";
import { useQuery } from "convex/react";
import { Inbox, ExternalLink, Paperclip } from "lucide-react";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";

/** Every email the academy "sent" in local mode, newest first, updating live. */
export function Mailbox() {
  const emails = useQuery(api.dev.mailbox.list, {});
  return (
    <div className="mx-auto max-w-[860px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">Dev mailbox</h1>
      <p className="mt-1 text-sm text-gray-600">
        Local mode sends no real email. Sign-in links, receipts and invitations land here instead.
      </p>
      <div className="mt-6 space-y-3">
        {emails === undefined ? (
          Array.from({ length: 3 }, (_, i) => <Skeleton key={i} className="h-28" />)
        ) : emails.length === 0 ? (
          <EmptyState
            icon={Inbox}
            title="No emails yet"
            description="Request a sign-in link on the sign-in page and it will appear here."
          />
        ) : (
          emails.map((email) => (
            <Card key={email._id} className="p-5" data-testid="dev-email" data-email-id={email._id}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-medium text-gray-900">{email.subject}</p>
                  <p className="text-sm text-gray-600">
                    To <span data-testid="dev-email-to">{email.to}</span> · {formatDateTime(email.createdAt)}
                  </p>
                </div>
                {email.actionUrl && (
                  <Button asChild size="sm">
                    <a href={email.actionUrl}>
                      Open link <ExternalLink className="size-3.5" aria-hidden />
                    </a>
                  </Button>
                )}
              </div>
              {email.attachments && email.attachments.length > 0 && (
                <ul className="mt-3 flex flex-wrap gap-2">
                  {email.attachments.map((attachment) => (
                    <li key={attachment.filename}>
                      <a
                        className={cn(
                          "inline-flex items-center gap-1 rounded border border-gray-300 px-2 py-1",
                          "text-xs text-gray-800 hover:bg-gray-50",
                        )}
                        href={`data:${attachment.contentType};charset=utf-8,${encodeURIComponent(attachment.content)}`}
                        download={attachment.filename}
                      >
                        <Paperclip className="size-3" aria-hidden /> {attachment.filename}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <details className="mt-3">
                <summary className="cursor-pointer text-sm text-gray-600">Show message</summary>
                <pre
                  className={cn(
                    "mt-2 rounded bg-gray-50 p-3",
                    "font-sans text-sm break-words whitespace-pre-wrap text-gray-800",
                  )}
                >
                  {email.text}
                </pre>
              </details>
            </Card>
          ))
        )}
      </div>
    </div>
  );
}
