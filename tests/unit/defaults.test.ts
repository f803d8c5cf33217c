import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { describe, expect, test } from 'vitest';
import { PROFILE_KINDS, profileInputSchema } from '../../electron/contract';
import { targetOf } from '../../electron/codegen/target';
import { buildClient, regionOf } from '../../electron/kinesis/connection';
import { buildProfile, checkInput, toView } from '../../electron/profiles/profile-rules';
import { YDS_DEFAULT_ENDPOINT } from '../../electron/shared/addressing';
import { defaultEndpoint, defaultRegion, isAwsHost, regionRequired } from '../../electron/shared/defaults';
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
    const aws = ['https://kinesis.us-east-1.amazonaws.com', 'https://KINESIS.eu-west-1.AmazonAWS.com/', 'https://kinesis.cn-north-1.amazonaws.com.cn:443'];
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
      const input = toInput({ ...newProfileForm(), name: kind, kind, region: '', endpoint: 'http://127.0.0.1:4567', source: 'none' }, false);
      // The form sends what the user left, never a default of its own.
      expect(input.region, kind).toBe('');
      if (regionRequired(kind)) {
        expect(() => checkInput([], input, true), kind).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'region' }));
        continue;
      }
      checkInput([], input, true);
      const stored = buildProfile(input, undefined, undefined);
      const code = targetOf({ kind, endpoint: stored.endpoint, region: stored.region, credentials: { source: 'none', sharedProfile: '' } });
      expect([stored.region, regionOf({ ...stored, region: '' }), code.region], kind).toEqual(Array(3).fill(defaultRegion(kind)));
    }
  });

  test('the editor shows the region a profile is sent with as a value, and a blank number field is not 0', () => {
    expect(newProfileForm().region).toBe(defaultRegion('yds'));
    const stored = buildProfile(toInput({ ...newProfileForm(), name: 'p', kind: 'yds', region: '', source: 'none' }, false), undefined, undefined);
    expect(formOf(toView({ ...stored, region: '' })).region).toBe('ru-central1');
    const blank = toInput({ ...newProfileForm(), name: 'p', region: 'ru-central1', timeoutSeconds: ' ', retries: '' }, false);
    const parsed = profileInputSchema.safeParse(blank);
    expect(parsed.success).toBe(false);
    expect(new Set(parsed.error?.issues.map((i) => i.path.join('.')))).toEqual(new Set(['timeoutMs', 'maxAttempts']));
  });

  test('HTTP/2 only for AWS itself, in the app and in generated code', async () => {
    const stored = buildProfile(toInput({ ...newProfileForm(), name: 'p', kind: 'custom', region: 'us-east-1', source: 'none' }, false), undefined, undefined);
    const unused = () => Promise.reject(new Error('building a client asks no sandbox'));
    const deps = { sandbox: { endpoint: unused, keysFor: () => undefined, status: unused, createStream: unused, stop: unused }, env: {}, secretOf: unused, redactor: createRedactor() };
    for (const endpoint of ['https://kinesis.eu-west-1.amazonaws.com', 'https://kinesis.cn-north-1.amazonaws.com.cn', YDS_DEFAULT_ENDPOINT, 'http://127.0.0.1:4566']) {
      const { client } = await buildClient(stored, endpoint, deps);
      const code = targetOf({ kind: 'custom', endpoint, region: 'eu-west-1', credentials: { source: 'none', sharedProfile: '' } });
      expect([client.config.requestHandler instanceof NodeHttp2Handler, !code.http1Only], endpoint).toEqual([isAwsHost(endpoint), isAwsHost(endpoint)]);
      client.destroy();
    }
  });

  test('a blank endpoint: generated code goes where the app sends', () => {
    const code = (kind: 'yds' | 'aws') => targetOf({ kind, endpoint: '', region: '', credentials: { source: 'env', sharedProfile: '' } }).endpoint;
    expect(code('yds')).toBe(defaultEndpoint('yds', ''));
    // AWS is left to the SDK's own resolution in both.
    expect(code('aws')).toBeUndefined();
  });
});
