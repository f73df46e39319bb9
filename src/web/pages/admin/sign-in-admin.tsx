/**
 * Signing in, for the region's admin (issue 15): the policy that requires passkeys, the identity
 * providers of the organisations the region administers (the client secret write-only), and the
 * requests to reset a lost passkey, which a second admin decides.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listOrganisations } from '../../api/endpoints.js';
import {
  createIdentityProvider,
  decidePasskeyReset,
  deleteIdentityProvider,
  getSignInPolicy,
  type IdentityProvider,
  listIdentityProviders,
  listPasskeyResets,
  updateIdentityProvider,
  updateSignInPolicy,
} from '../../api/identity.js';
import { useSession } from '../../auth/session.js';
import { Button, Heading, Paragraph } from '../../components/ams.js';
import {
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  generalMessage,
  problemToErrors,
  requireText,
  SelectField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';

type Flash = { severity: 'success' | 'error'; text: string } | null;

function PolicySection({ onFlash }: { onFlash: (f: Flash) => void }) {
  const { t } = useTranslation();
  const policy = useLoad(getSignInPolicy, []);
  const [busy, setBusy] = useState(false);
  const spec: FieldSpec = {
    name: 'passkeysRequired',
    id: fieldId('policy', 'passkeys'),
    label: t('signInAdmin.policyRequire'),
  };
  async function toggle(next: boolean) {
    if (!policy.data) return;
    setBusy(true);
    try {
      const saved = await updateSignInPolicy({ passkeysRequired: next, version: policy.data.version });
      policy.setData(saved);
      onFlash({ severity: 'success', text: next ? t('signInAdmin.policyOn') : t('signInAdmin.policyOff') });
    } catch (error) {
      onFlash({ severity: 'error', text: generalMessage(error, t) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="schakel-section" aria-labelledby="sign-in-policy">
      <Heading level={2} size="level-3" id="sign-in-policy">
        {t('signInAdmin.policyHeading')}
      </Heading>
      <Paragraph>{t('signInAdmin.policyText')}</Paragraph>
      {policy.error !== null && <LoadError error={policy.error} onRetry={() => void policy.reload()} />}
      {policy.data && (
        <fieldset disabled={busy} className="schakel-fieldset-plain">
          <CheckboxField spec={spec} checked={policy.data.passkeysRequired} onChecked={(v) => void toggle(v)} />
        </fieldset>
      )}
    </section>
  );
}

interface Draft {
  organisationId: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  clearClientSecret: boolean;
  scopes: string;
  enabled: boolean;
  emailAlwaysVerified: boolean;
}

const EMPTY: Draft = {
  organisationId: '',
  displayName: '',
  issuer: '',
  clientId: '',
  clientSecret: '',
  clearClientSecret: false,
  scopes: 'openid email profile',
  enabled: true,
  emailAlwaysVerified: false,
};

function ProviderForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: IdentityProvider | null;
  onSaved: (p: IdentityProvider) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const orgs = useLoad(() => listOrganisations().then((r) => r.items.filter((o) => o.administered)), []);
  const [draft, setDraft] = useState<Draft>(
    editing
      ? {
          organisationId: editing.organisationId,
          displayName: editing.displayName,
          issuer: editing.issuer,
          clientId: editing.clientId,
          clientSecret: '',
          clearClientSecret: false,
          scopes: editing.scopes,
          enabled: editing.enabled,
          emailAlwaysVerified: editing.emailAlwaysVerified,
        }
      : EMPTY,
  );
  const [busy, setBusy] = useState(false);
  const { errors, fail, focusSignal } = useFormErrors();
  const f = (name: keyof Draft, label: string): FieldSpec => ({ name, id: fieldId('idp', name), label });
  const specs = {
    organisationId: f('organisationId', t('signInAdmin.organisation')),
    displayName: f('displayName', t('signInAdmin.displayName')),
    issuer: f('issuer', t('signInAdmin.issuer')),
    clientId: f('clientId', t('signInAdmin.clientId')),
    clientSecret: f('clientSecret', t('signInAdmin.clientSecret')),
    clearClientSecret: f('clearClientSecret', t('signInAdmin.clearClientSecret')),
    scopes: f('scopes', t('signInAdmin.scopes')),
    enabled: f('enabled', t('signInAdmin.enabled')),
    emailAlwaysVerified: f('emailAlwaysVerified', t('signInAdmin.emailAlwaysVerified')),
  };
  const all = Object.values(specs);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, specs.organisationId, draft.organisationId, t);
    requireText(found, specs.displayName, draft.displayName, t);
    requireText(found, specs.issuer, draft.issuer, t);
    requireText(found, specs.clientId, draft.clientId, t);
    if (Object.keys(found).length) {
      fail({ fields: found, general: [] });
      return;
    }
    const body = {
      organisationId: draft.organisationId,
      displayName: draft.displayName.trim(),
      issuer: draft.issuer.trim(),
      clientId: draft.clientId.trim(),
      ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
      clearClientSecret: draft.clearClientSecret,
      scopes: draft.scopes.trim(),
      enabled: draft.enabled,
      emailAlwaysVerified: draft.emailAlwaysVerified,
    };
    setBusy(true);
    try {
      onSaved(
        editing
          ? await updateIdentityProvider(editing.id, { ...body, version: editing.version })
          : await createIdentityProvider(body),
      );
    } catch (error) {
      fail(problemToErrors(error, all, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-label={t('signInAdmin.providerForm')}>
      <ErrorSummary errors={errors} fields={all} focusSignal={focusSignal} />
      <SelectField
        spec={specs.organisationId}
        required
        placeholder={t('signInAdmin.chooseOrganisation')}
        value={draft.organisationId}
        onValue={set('organisationId')}
        options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        error={errors.fields.organisationId}
      />
      <TextField
        spec={specs.displayName}
        required
        hint={t('signInAdmin.displayNameHint')}
        value={draft.displayName}
        onValue={set('displayName')}
        error={errors.fields.displayName}
      />
      <TextField
        spec={specs.issuer}
        required
        hint={t('signInAdmin.issuerHint')}
        value={draft.issuer}
        onValue={set('issuer')}
        error={errors.fields.issuer}
      />
      <TextField
        spec={specs.clientId}
        required
        value={draft.clientId}
        onValue={set('clientId')}
        error={errors.fields.clientId}
      />
      <TextField
        spec={specs.clientSecret}
        type="password"
        autoComplete="new-password"
        optional
        hint={editing?.clientSecretSet ? t('signInAdmin.clientSecretKept') : t('signInAdmin.clientSecretHint')}
        value={draft.clientSecret}
        onValue={set('clientSecret')}
        error={errors.fields.clientSecret}
      />
      {editing?.clientSecretSet && (
        <CheckboxField
          spec={specs.clearClientSecret}
          checked={draft.clearClientSecret}
          onChecked={set('clearClientSecret')}
        />
      )}
      <TextField
        spec={specs.scopes}
        required
        hint={t('signInAdmin.scopesHint')}
        value={draft.scopes}
        onValue={set('scopes')}
        error={errors.fields.scopes}
      />
      <CheckboxField
        spec={specs.emailAlwaysVerified}
        checked={draft.emailAlwaysVerified}
        onChecked={set('emailAlwaysVerified')}
      />
      <CheckboxField spec={specs.enabled} checked={draft.enabled} onChecked={set('enabled')} />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('signInAdmin.save')}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('signInAdmin.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}

function ProvidersSection({ onFlash }: { onFlash: (f: Flash) => void }) {
  const { t } = useTranslation();
  const providers = useLoad(() => listIdentityProviders().then((r) => r.items), []);
  const [editing, setEditing] = useState<IdentityProvider | 'new' | null>(null);
  const callback = `${window.location.origin}/api/v1/auth/oidc/callback`;

  async function remove(p: IdentityProvider) {
    try {
      await deleteIdentityProvider(p.id);
      onFlash({ severity: 'success', text: t('signInAdmin.removed', { name: p.displayName }) });
      await providers.reload();
    } catch (error) {
      onFlash({ severity: 'error', text: generalMessage(error, t) });
    }
  }

  return (
    <section className="schakel-section" aria-labelledby="sign-in-providers">
      <Heading level={2} size="level-3" id="sign-in-providers">
        {t('signInAdmin.providersHeading')}
      </Heading>
      <Paragraph>{t('signInAdmin.providersText', { callback })}</Paragraph>
      {providers.error !== null && <LoadError error={providers.error} onRetry={() => void providers.reload()} />}
      {providers.data === null && providers.error === null && <Loading />}
      {providers.data && providers.data.length === 0 && <Paragraph>{t('signInAdmin.noProviders')}</Paragraph>}
      {providers.data && providers.data.length > 0 && (
        <DataTable
          caption={t('signInAdmin.providersCaption')}
          head={
            <Tr>
              <Th>{t('signInAdmin.displayName')}</Th>
              <Th>{t('signInAdmin.organisation')}</Th>
              <Th>{t('signInAdmin.issuer')}</Th>
              <Th>{t('signInAdmin.state')}</Th>
              <Th>{t('signInAdmin.actions')}</Th>
            </Tr>
          }
        >
          {providers.data.map((p) => (
            <Tr key={p.id}>
              <Td>{p.displayName}</Td>
              <Td>{p.organisationName}</Td>
              <Td>{p.issuer}</Td>
              <Td>{p.enabled ? t('signInAdmin.on') : t('signInAdmin.off')}</Td>
              <Td>
                <div className="schakel-form-actions">
                  <Button variant="secondary" onClick={() => setEditing(p)}>
                    {t('signInAdmin.edit', { name: p.displayName })}
                  </Button>
                  <Button variant="tertiary" onClick={() => void remove(p)}>
                    {t('signInAdmin.remove', { name: p.displayName })}
                  </Button>
                </div>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {editing === null ? (
        <p>
          <Button variant="secondary" onClick={() => setEditing('new')}>
            {t('signInAdmin.add')}
          </Button>
        </p>
      ) : (
        <ProviderForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            onFlash({ severity: 'success', text: t('signInAdmin.saved', { name: p.displayName }) });
            void providers.reload();
          }}
        />
      )}
    </section>
  );
}

function ResetsSection({ onFlash }: { onFlash: (f: Flash) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const resets = useLoad(() => listPasskeyResets().then((r) => r.items), []);
  async function decide(id: string, decision: 'approved' | 'refused', name: string) {
    try {
      await decidePasskeyReset(id, decision);
      onFlash({
        severity: 'success',
        text:
          decision === 'approved' ? t('signInAdmin.resetApproved', { name }) : t('signInAdmin.resetRefused', { name }),
      });
      await resets.reload();
    } catch (error) {
      onFlash({ severity: 'error', text: generalMessage(error, t) });
    }
  }
  return (
    <section className="schakel-section" aria-labelledby="sign-in-resets">
      <Heading level={2} size="level-3" id="sign-in-resets">
        {t('signInAdmin.resetsHeading')}
      </Heading>
      <Paragraph>{t('signInAdmin.resetsText')}</Paragraph>
      {resets.error !== null && <LoadError error={resets.error} onRetry={() => void resets.reload()} />}
      {resets.data && resets.data.length === 0 && <Paragraph>{t('signInAdmin.noResets')}</Paragraph>}
      {resets.data && resets.data.length > 0 && (
        <DataTable
          caption={t('signInAdmin.resetsCaption')}
          head={
            <Tr>
              <Th>{t('signInAdmin.resetUser')}</Th>
              <Th>{t('signInAdmin.resetReason')}</Th>
              <Th>{t('signInAdmin.resetRequested')}</Th>
              <Th>{t('signInAdmin.state')}</Th>
              <Th>{t('signInAdmin.actions')}</Th>
            </Tr>
          }
        >
          {resets.data.map((r) => (
            <Tr key={r.id}>
              <Td>{r.userName}</Td>
              <Td>{r.reason}</Td>
              <Td>
                {r.requestedByName}, {formatDateTime(r.requestedAt)}
              </Td>
              <Td>
                {t(`passkeyResetStatuses.${r.status}`)}
                {r.decidedByName ? ` (${r.decidedByName})` : ''}
              </Td>
              <Td>
                {r.status === 'pending' && r.requestedByName !== session.me?.user.name && (
                  <div className="schakel-form-actions">
                    <Button onClick={() => void decide(r.id, 'approved', r.userName)}>
                      {t('signInAdmin.approve', { name: r.userName })}
                    </Button>
                    <Button variant="secondary" onClick={() => void decide(r.id, 'refused', r.userName)}>
                      {t('signInAdmin.refuse', { name: r.userName })}
                    </Button>
                  </div>
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

export function SignInAdminPage() {
  const { t } = useTranslation();
  const [flash, setFlash] = useState<Flash>(null);
  return (
    <div>
      <PageHeader title={t('signInAdmin.title')} intro={t('signInAdmin.intro')} />
      {flash && <Notice severity={flash.severity} heading={flash.text} live />}
      <PolicySection onFlash={setFlash} />
      <ProvidersSection onFlash={setFlash} />
      <ResetsSection onFlash={setFlash} />
    </div>
  );
}
