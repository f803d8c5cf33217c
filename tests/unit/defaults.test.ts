import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { describe, expect, test } from 'vitest';
import { PROFILE_KINDS, profileInputSchema } from '../../electron/contract';
import { targetOf } from '../../electron/codegen/target';
import {
  buildClient,
  endpointOf,
  regionOf,
  resolveEndpoint,
  resolveEndpointNow,
} from '../../electron/kinesis/connection';
import { buildProfile, checkInput, toView } from '../../electron/profiles/profile-rules';
import { YDS_DEFAULT_ENDPOINT } from '../../electron/shared/addressing';
import {
  defaultEndpoint,
  defaultRegion,
  endpointFor,
  isAwsHost,
  regionRequired,
  shownEndpoint,
} from '../../electron/shared/defaults';
import { formOf, newProfileForm, toInput } from '../../renderer/features/profiles/profileForm';
import { createRedactor } from '../../electron/secrets/redact';

describe('per-kind defaults', () => {
  test('the region: YDS has its own, everything else signs as AWS us-east-1', () => {
    expect(PROFILE_KINDS.map((kind) => [kind, defaultRegion(kind)])).toEqual(
      PROFILE_KINDS.map((kind) => [kind, kind === 'yds' ? 'ru-central1' : 'us-east-1']),
    );
  });

  test('the endpoint a blank field stands for', () => {
    expect(defaultEndpoint('yds', '')).toBe(YDS_DEFAULT_ENDPOINT);
    expect(defaultEndpoint('yds', 'eu-west-1')).toBe(YDS_DEFAULT_ENDPOINT);
    expect(defaultEndpoint('aws', 'eu-west-1')).toBe('https://kinesis.eu-west-1.amazonaws.com');
    expect(defaultEndpoint('aws', '  ')).toBe('https://kinesis.us-east-1.amazonaws.com');
    expect(defaultEndpoint('aws', 'cn-north-1')).toBe('https://kinesis.cn-north-1.amazonaws.com.cn');
    expect(defaultEndpoint('custom', 'eu-west-1')).toBe('');
    expect(defaultEndpoint('sandbox', 'eu-west-1')).toBe('');
  });

  test('AWS hosts, and what only looks like one', () => {
    const aws = [
      'https://kinesis.us-east-1.amazonaws.com',
      'https://KINESIS.eu-west-1.AmazonAWS.com/',
      'https://kinesis.cn-north-1.amazonaws.com.cn:443',
    ];
    const others = [
      YDS_DEFAULT_ENDPOINT,
      'http://127.0.0.1:4566',
      'http://localhost:4567',
      'https://amazonaws.com.example.org',
      'https://notamazonaws.com',
      'https://kinesis.amazonaws.cn',
      'kinesis.us-east-1.amazonaws.com',
      '',
    ];
    expect(aws.filter(isAwsHost)).toEqual(aws);
    expect(others.filter(isAwsHost)).toEqual([]);
  });
});

describe('every place agrees on them', () => {
  test('a blank region: refused where it would decide where requests go, else the default everywhere (stored profile, client, generated code)', () => {
    for (const kind of PROFILE_KINDS) {
      const input = toInput(
        { ...newProfileForm(), name: kind, kind, region: '', endpoint: 'http://127.0.0.1:4567', source: 'none' },
        false,
      );
      // The form sends what the user left, never a default of its own.
      expect(input.region, kind).toBe('');
      if (regionRequired(kind)) {
        expect(() => checkInput([], input, true), kind).toThrow(
          expect.objectContaining({ code: 'INVALID_INPUT', field: 'region' }),
        );
        continue;
      }
      checkInput([], input, true);
      const stored = buildProfile(input, undefined, undefined);
      const code = targetOf({
        kind,
        endpoint: stored.endpoint,
        region: stored.region,
        credentials: { source: 'none', sharedProfile: '' },
      });
      expect([stored.region, regionOf({ ...stored, region: '' }), code.region], kind).toEqual(
        Array(3).fill(defaultRegion(kind)),
      );
    }
  });

  test('the editor shows the region a profile is sent with as a value, and a blank number field is not 0', () => {
    expect(newProfileForm().region).toBe(defaultRegion('yds'));
    const stored = buildProfile(
      toInput({ ...newProfileForm(), name: 'p', kind: 'yds', region: '', source: 'none' }, false),
      undefined,
      undefined,
    );
    expect(formOf(toView({ ...stored, region: '' })).region).toBe('ru-central1');
    const blank = toInput(
      { ...newProfileForm(), name: 'p', region: 'ru-central1', timeoutSeconds: ' ', retries: '' },
      false,
    );
    const parsed = profileInputSchema.safeParse(blank);
    expect(parsed.success).toBe(false);
    expect(new Set(parsed.error?.issues.map((i) => i.path.join('.')))).toEqual(new Set(['timeoutMs', 'maxAttempts']));
  });

  test('HTTP/2 only for AWS itself, in the app and in generated code', async () => {
    const stored = buildProfile(
      toInput({ ...newProfileForm(), name: 'p', kind: 'custom', region: 'us-east-1', source: 'none' }, false),
      undefined,
      undefined,
    );
    const unused = () => Promise.reject(new Error('building a client asks no sandbox'));
    const deps = {
      sandbox: {
        endpoint: unused,
        keysFor: () => undefined,
        runningEndpoint: () => undefined,
        status: unused,
        createStream: unused,
        stop: unused,
      },
      env: {},
      secretOf: unused,
      redactor: createRedactor(),
    };
    for (const endpoint of [
      'https://kinesis.eu-west-1.amazonaws.com',
      'https://kinesis.cn-north-1.amazonaws.com.cn',
      YDS_DEFAULT_ENDPOINT,
      'http://127.0.0.1:4566',
    ]) {
      const { client } = await buildClient(stored, endpoint, deps);
      const code = targetOf({
        kind: 'custom',
        endpoint,
        region: 'eu-west-1',
        credentials: { source: 'none', sharedProfile: '' },
      });
      expect([client.config.requestHandler instanceof NodeHttp2Handler, !code.http1Only], endpoint).toEqual([
        isAwsHost(endpoint),
        isAwsHost(endpoint),
      ]);
      client.destroy();
    }
  });

  test('a blank endpoint: generated code goes where the app sends', () => {
    const code = (kind: 'yds' | 'aws') =>
      targetOf({ kind, endpoint: '', region: '', credentials: { source: 'env', sharedProfile: '' } }).endpoint;
    expect(code('yds')).toBe(defaultEndpoint('yds', ''));
    // AWS is left to the SDK's own resolution in both.
    expect(code('aws')).toBeUndefined();
  });
});

describe('one endpoint resolution for the client, history, generated code and the editor', () => {
  const SANDBOX_URL = 'http://127.0.0.1:45678';
  // The endpoint as a hand-edited profiles file may hold it (untrimmed, or not a URL).
  const profileOf = (kind: (typeof PROFILE_KINDS)[number], endpoint: string, region = 'eu-west-1') => ({
    ...buildProfile(
      toInput({ ...newProfileForm(), name: kind, kind, endpoint: '', region, source: 'none' }, false),
      undefined,
      undefined,
    ),
    endpoint,
  });
  /** A sandbox that counts how often it is asked for its URL (asking starts it). */
  const countingSandbox = () => {
    const unused = () => Promise.reject(new Error('not used'));
    const asked = { count: 0 };
    // Running once asked: it started then.
    return {
      asked,
      sandbox: {
        endpoint: async () => (asked.count++, SANDBOX_URL),
        keysFor: () => undefined,
        runningEndpoint: () => (asked.count > 0 ? SANDBOX_URL : undefined),
        status: unused,
        createStream: unused,
        stop: unused,
      },
    };
  };

  test.each([
    // kind, own endpoint, region → client / SDK, history and editor
    ['yds', '', 'ru-central1', YDS_DEFAULT_ENDPOINT, YDS_DEFAULT_ENDPOINT],
    ['yds', ' http://127.0.0.1:4567 ', 'ru-central1', 'http://127.0.0.1:4567', 'http://127.0.0.1:4567'],
    ['aws', '', 'eu-west-1', undefined, 'https://kinesis.eu-west-1.amazonaws.com'],
    ['aws', '', 'cn-north-1', undefined, 'https://kinesis.cn-north-1.amazonaws.com.cn'],
    ['aws', 'https://vpce.example.com', 'eu-west-1', 'https://vpce.example.com', 'https://vpce.example.com'],
    ['custom', 'http://localhost:4566', 'us-east-1', 'http://localhost:4566', 'http://localhost:4566'],
    ['custom', '', 'us-east-1', undefined, ''],
    ['sandbox', '', 'us-east-1', SANDBOX_URL, SANDBOX_URL],
  ] as const)('%s profile with endpoint "%s" (%s)', async (kind, endpoint, region, url, shown) => {
    const profile = profileOf(kind, endpoint, region);
    const { sandbox, asked } = countingSandbox();
    // Without a wait, except for a sandbox not started yet: that one only resolveEndpoint starts.
    const asksSandbox = kind === 'sandbox' && !endpoint;
    expect(resolveEndpointNow(profile, sandbox)).toEqual(asksSandbox ? undefined : { url, shown });
    expect(await resolveEndpoint(profile, sandbox)).toEqual({ url, shown });
    expect(resolveEndpointNow(profile, sandbox)).toEqual({ url, shown });
    // Only a sandbox profile without an endpoint of its own asks the sandbox, which starts it.
    expect(asked.count).toBe(kind === 'sandbox' && !endpoint ? 1 : 0);
    // The same rule without main: generated code (the sandbox's URL already filled in) and the editor.
    const codeProfile = {
      kind,
      endpoint: kind === 'sandbox' ? SANDBOX_URL : endpoint,
      region,
      credentials: { source: 'none', sharedProfile: '' },
    } as const;
    expect(targetOf(codeProfile).endpoint).toBe(url);
    expect(endpointFor(profile, kind === 'sandbox' ? SANDBOX_URL : undefined)).toBe(url);
    expect(shownEndpoint(profile, kind === 'sandbox' ? SANDBOX_URL : undefined)).toBe(shown);
    if (kind === 'custom' && !endpoint)
      await expect(endpointOf(profile, sandbox)).rejects.toMatchObject({ name: 'ENDPOINT_MISSING' });
    else expect(await endpointOf(profile, sandbox)).toBe(url);
  });

  test('an endpoint that is no http(s) URL is refused before a client is built, whatever the kind', async () => {
    for (const kind of PROFILE_KINDS) {
      for (const endpoint of ['ftp://example.com', 'localhost:4567', 'http://']) {
        const { sandbox, asked } = countingSandbox();
        await expect(endpointOf(profileOf(kind, endpoint), sandbox), `${kind} ${endpoint}`).rejects.toMatchObject({
          name: 'ENDPOINT_INVALID',
        });
        expect(asked.count).toBe(0);
      }
    }
  });
});
