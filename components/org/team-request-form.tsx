"use client";
import { useMutation } from "convex/react";
import { CheckCircle2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import { TEXT_LIMITS } from "@/convex/limits";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useSubmit } from "@/lib/use-submit";
import { FormError } from "@/components/ui/form-error";

export function TeamRequestForm() {
  const submit = useMutation(api.organizations.teamRequests.submit);
  const [form, setForm] = useState({ name: "", email: "", company: "", teamSize: "", message: "" });
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const [sent, setSent] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => submit(form), { onSuccess: () => setSent(true) });
  };
  if (sent) {
    return (
      <Card className="mt-8 p-8 text-center" role="status">
        <CheckCircle2 className="mx-auto size-8 text-green-700" aria-hidden />
        <p className="mt-3 font-medium text-gray-900">Thanks — we have your request.</p>
        <p className="mt-1 text-sm text-gray-600">
          We set up your organization and send the seat invoice to {form.email.trim().toLowerCase()}, usually within one
          working day.
        </p>
      </Card>
    );
  }
  return (
    <Card className="mt-8 p-6">
      <form className="space-y-4" onSubmit={onSubmit}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="req-name" label="Your name">
            <Input
              id="req-name"
              required
              maxLength={TEXT_LIMITS.name}
              autoComplete="name"
              value={form.name}
              onChange={set("name")}
            />
          </Field>
          <Field id="req-email" label="Work email">
            <Input
              id="req-email"
              type="email"
              required
              maxLength={TEXT_LIMITS.email}
              autoComplete="email"
              value={form.email}
              onChange={set("email")}
            />
          </Field>
          <Field id="req-company" label="Company">
            <Input
              id="req-company"
              required
              maxLength={TEXT_LIMITS.name}
              autoComplete="organization"
              value={form.company}
              onChange={set("company")}
            />
          </Field>
          <Field id="req-size" label="How many seats?">
            <Input
              id="req-size"
              inputMode="numeric"
              maxLength={TEXT_LIMITS.line}
              value={form.teamSize}
              onChange={set("teamSize")}
              placeholder="e.g. 25"
            />
          </Field>
        </div>
        <Field id="req-message" label="Anything we should know? (optional)">
          <Textarea
            id="req-message"
            rows={3}
            maxLength={TEXT_LIMITS.paragraph}
            value={form.message}
            onChange={set("message")}
          />
        </Field>
        {error && <FormError>{error}</FormError>}
        <Button type="submit" loading={pending}>
          Send request
        </Button>
      </form>
    </Card>
  );
}
