// The editor's form state and its translation to the contract's ProfileInput. Secrets are only
// ever typed here: blank means "keep what is stored", so the form never needs to see them.
import type { CredentialSource, ProfileInput, ProfileKind, ProfileView } from '../../../electron/contract';
import { defaultEndpoint, defaultRegion, regionRequired } from '../../../electron/shared/defaults';

// The editor shows the default endpoint as a placeholder (what a blank field stands for) and fills
// the default region in as a value the user sees before saving.
export { defaultEndpoint, defaultRegion, regionRequired };

export interface ProfileForm {
  id?: string;
  name: string;
  kind: ProfileKind;
  endpoint: string;
  region: string;
  ydsCloudId: string;
  ydsDatabaseId: string;
  source: CredentialSource;
  sharedProfile: string;
  accessKeyId: string;
  secretAccessKey: string;
  timeoutSeconds: string;
  retries: string;
}

export const newProfileForm = (): ProfileForm => ({
  name: '',
  kind: 'yds',
  endpoint: '',
  region: defaultRegion('yds'),
  ydsCloudId: '',
  ydsDatabaseId: '',
  source: 'static',
  sharedProfile: '',
  accessKeyId: '',
  secretAccessKey: '',
  timeoutSeconds: '30',
  retries: '2',
});

export function formOf(p: ProfileView): ProfileForm {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    endpoint: p.endpoint,
    // A profile stored blank (hand-edited, or older) shows the region it is sent with.
    region: p.region || defaultRegion(p.kind),
    ydsCloudId: p.ydsCloudId,
    ydsDatabaseId: p.ydsDatabaseId,
    source: p.credentials.source,
    sharedProfile: p.credentials.sharedProfile,
    accessKeyId: '',
    secretAccessKey: '',
    timeoutSeconds: String(Math.round(p.timeoutMs / 1000)),
    retries: String(Math.max(0, p.maxAttempts - 1)),
  };
}

/** Sandbox and local emulators may need no credentials; YDS and AWS always do. */
export function sourcesFor(kind: ProfileKind): CredentialSource[] {
  return kind === 'sandbox' || kind === 'custom' ? ['static', 'shared', 'env', 'none'] : ['static', 'shared', 'env'];
}

/** The sandbox checks no keys: it defaults to "none" unless the user already typed a key pair. */
export function sourceAfterKindChange(kind: ProfileKind, form: ProfileForm): CredentialSource {
  const untouchedStatic = form.source === 'static' && !form.accessKeyId && !form.secretAccessKey;
  if (kind === 'sandbox' && untouchedStatic) return 'none';
  const sources = sourcesFor(kind);
  return sources.includes(form.source) ? form.source : sources[0];
}

export function toInput(form: ProfileForm, allowWeakSecretStorage: boolean): ProfileInput {
  const keepBlank = (value: string) => (value.trim() === '' && form.id ? undefined : value);
  const isStatic = form.source === 'static';
  const accessKeyId = isStatic ? keepBlank(form.accessKeyId.trim()) : undefined;
  const secretAccessKey = isStatic ? keepBlank(form.secretAccessKey) : undefined;
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    kind: form.kind,
    endpoint: form.endpoint.trim(),
    // Never filled in here: main refuses a blank region where it would change where requests go.
    region: form.region.trim(),
    ydsCloudId: form.kind === 'yds' ? form.ydsCloudId.trim() : '',
    ydsDatabaseId: form.kind === 'yds' ? form.ydsDatabaseId.trim() : '',
    credentials: {
      source: form.source,
      sharedProfile: form.source === 'shared' ? form.sharedProfile.trim() : '',
      ...(accessKeyId !== undefined ? { accessKeyId } : {}),
      ...(secretAccessKey !== undefined ? { secretAccessKey } : {}),
    },
    timeoutMs: Math.round(numberOf(form.timeoutSeconds) * 1000),
    maxAttempts: Math.round(numberOf(form.retries)) + 1,
    ...(allowWeakSecretStorage ? { allowWeakSecretStorage: true } : {}),
  };
}

/** A blank number field is not 0: NaN, which main refuses naming the field. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
