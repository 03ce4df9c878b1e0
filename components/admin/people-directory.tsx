"use client";
import { useQuery } from "convex/react";
import { Search, Users } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { USER_ROLE_LABEL } from "@/lib/labels";
import { ErasureQueue } from "./erasure-queue";

/** /admin/people: everyone on the platform, found by name or email. */
export function PeopleDirectory() {
  const [query, setQuery] = useState("");
  // Typing stays responsive; the list follows the latest text.
  const deferred = useDeferredValue(query.trim());
  const people = useQuery(api.users.directory.search, { query: deferred.slice(0, 100) });
  return (
    <section>
      <h1 className="text-xl font-semibold text-gray-900">Admin · People</h1>
      <p className="mt-1 text-sm text-gray-600">
        Find anyone by a word of their name or the start of their email address. Without a search, the newest accounts.
      </p>
      <div className="mt-6">
        <ErasureQueue />
      </div>
      <div className="relative mt-6 max-w-md">
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-500"
          aria-hidden
        />
        <Input
          type="search"
          aria-label="Search people"
          placeholder="Name or email"
          className="pl-9"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          maxLength={100}
        />
      </div>
      {people === undefined ? (
        <Skeleton className="mt-4 h-64" />
      ) : (
        <Table caption="People" sticky="page" className="mt-4">
          <TableHeader>
            <TableRow>
              <TableHead>Person</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Organization</TableHead>
            </TableRow>
          </TableHeader>
          {people.length === 0 ? (
            <TableEmpty
              colSpan={3}
              icon={Users}
              title="Nobody found"
              description="Try a first or last name, or the beginning of an email address."
            />
          ) : (
            <TableBody>
              {people.map((person) => (
                <TableRow key={person._id}>
                  <TableCell>
                    <Link
                      href={`/admin/people/${person._id}`}
                      className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                    >
                      {person.name}
                    </Link>
                    <p className="text-gray-600">{person.email}</p>
                  </TableCell>
                  <TableCell>
                    <Badge tone={person.role === "platform_admin" ? "brand" : "neutral"}>
                      {USER_ROLE_LABEL[person.role]}
                    </Badge>
                  </TableCell>
                  <TableCell>{person.organizationName ?? <span className="text-gray-500">—</span>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      )}
    </section>
  );
}
