// What a profile means when its region or endpoint is left blank, decided once for the editor's
// placeholders, the stored profile, the send path, history and generated code.
// Pure code: no Node or DOM APIs, so both sides import it.
import type { ProfileKind } from '../contract';
import { YDS_DEFAULT_ENDPOINT, YDS_REGION } from './addressing';

const AWS_DEFAULT_REGION = 'us-east-1';

/** Emulators ignore the region, but the SDK needs one to sign with, so only YDS differs from AWS. */
export function defaultRegion(kind: ProfileKind): string {
  return kind === 'yds' ? YDS_REGION : AWS_DEFAULT_REGION;
}

/**
 * Kinds whose region must be given, never filled in from a blank: on AWS the region picks the
 * endpoint, and emulators such as LocalStack keep streams per region, so a default would change
 * where requests go. YDS has one region (its endpoint does not depend on it) and the sandbox runs
 * here, so for those a blank stands for the default. The editor fills the default in as a value.
 */
export function regionRequired(kind: ProfileKind): boolean {
  return kind === 'aws' || kind === 'custom';
}

/**
 * The endpoint a blank endpoint field stands for, as shown and recorded in history. '' where
 * there is none to name: a custom profile must give one, and the sandbox's port is known only
 * while it runs.
 */
export function defaultEndpoint(kind: ProfileKind, region: string): string {
  switch (kind) {
    case 'yds':
      return YDS_DEFAULT_ENDPOINT;
    case 'aws': {
      const r = region.trim() || defaultRegion('aws');
      // The China regions live under their own domain, as the SDK's own resolution has it.
      return `https://kinesis.${r}.amazonaws.${r.startsWith('cn-') ? 'com.cn' : 'com'}`;
    }
    case 'custom':
    case 'sandbox':
      return '';
  }
}

/**
 * Where a profile's requests go, decided once for the client, history, generated code and the
 * editor: its own endpoint, else its kind's. undefined where this names none: for AWS the SDK
 * resolves its own regional endpoint (every partition), a custom profile without an endpoint has
 * none, and the sandbox's URL is known only while it runs (`sandboxUrl`, from main).
 */
export function endpointFor(
  profile: { kind: ProfileKind; endpoint: string; region: string },
  sandboxUrl?: string,
): string | undefined {
  const own = profile.endpoint.trim();
  if (own) return own;
  if (profile.kind === 'sandbox') return sandboxUrl;
  if (profile.kind === 'aws') return undefined;
  return defaultEndpoint(profile.kind, profile.region) || undefined;
}

/** The endpoint as shown and kept in history: for AWS the regional URL the SDK picks, by name. */
export function shownEndpoint(
  profile: { kind: ProfileKind; endpoint: string; region: string },
  sandboxUrl?: string,
): string {
  return endpointFor(profile, sandboxUrl) ?? defaultEndpoint(profile.kind, profile.region);
}

/** AWS itself (which speaks HTTP/2), as opposed to YDS or an emulator (HTTP/1.1 only). */
export function isAwsHost(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return false;
  }
  return /(^|\.)amazonaws\.com(\.cn)?$/i.test(host);
}
