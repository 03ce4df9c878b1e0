/** A person's own profile: what they may change about themselves, checked before it is stored. */
import { appError } from "../../errors";
import { TEXT_LIMITS, boundedText, optionalText } from "../../limits";

export type ProfileInput = {
  name: string;
  company?: string;
  title?: string;
  linkedInUrl?: string;
  phoneNumber?: string;
  timezone?: string;
};

/** A LinkedIn profile or company page, https only; the form may omit the scheme. */
export function linkedInProfileUrl(raw: string | undefined) {
  const text = optionalText(raw, "LinkedIn URL", TEXT_LIMITS.title);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw appError("INVALID_INPUT", "LinkedIn URL must look like https://www.linkedin.com/in/your-name.");
  }
  const linkedIn = /^([a-z]{2,3}\.)?linkedin\.com$/.test(url.hostname);
  if (
    url.protocol !== "https:" ||
    !linkedIn ||
    !/^\/(in|company|pub)\/[^/]+/.test(url.pathname) ||
    url.username ||
    url.password ||
    url.port
  ) {
    throw appError("INVALID_INPUT", "LinkedIn URL must look like https://www.linkedin.com/in/your-name.");
  }
  return `https://${url.hostname}${url.pathname.replace(/\/+$/, "")}`;
}

/** A phone number as people write it: digits with spaces, dots, dashes, brackets and a leading +, 7 to 15 digits. */
export function phoneNumber(raw: string | undefined) {
  const text = optionalText(raw, "phone number", 30);
  if (text === undefined) return undefined;
  const digits = text.replace(/\D/g, "");
  if (!/^\+?[\d\s().-]+$/.test(text) || digits.length < 7 || digits.length > 15) {
    throw appError("INVALID_INPUT", "Phone number must have 7 to 15 digits, e.g. +1 415 555 0100.");
  }
  return text.replace(/\s+/g, " ");
}

/** An IANA zone the runtime knows ("Europe/Berlin"), or undefined for "the browser's own". */
export function timeZone(raw: string | undefined) {
  const text = optionalText(raw, "timezone", 64);
  if (text === undefined) return undefined;
  if (text !== "UTC" && !Intl.supportedValuesOf("timeZone").includes(text)) {
    throw appError("INVALID_INPUT", `"${text}" is not a known timezone (use names like Europe/Berlin).`);
  }
  return text;
}

/** The profile fields to store: trimmed, bounded, checked; blanks become "not set". */
export function checkedProfile(input: ProfileInput) {
  return {
    name: boundedText(input.name, "your name", TEXT_LIMITS.name, { min: 1 }),
    company: optionalText(input.company, "company", TEXT_LIMITS.name),
    title: optionalText(input.title, "job title", TEXT_LIMITS.name),
    linkedInUrl: linkedInProfileUrl(input.linkedInUrl),
    phoneNumber: phoneNumber(input.phoneNumber),
    timezone: timeZone(input.timezone),
  };
}
