/**
 * Your passkeys (issue 15): register one (also as the enrolment of a new account, or where the region
 * requires passkeys), see when each was last used, and remove one.
 */
import { startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  listPasskeys,
  type Passkey,
  passkeyRegistrationOptions,
  registerPasskey,
  removePasskey,
} from '../api/identity.js';
import { Button, Heading, Paragraph } from '../components/ams.js';
import {
  ErrorSummary,
  type FieldSpec,
  FormActions,
  fieldId,
  generalMessage,
  problemToErrors,
  TextField,
  useFormErrors,
} from '../components/form.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../components/page.js';
import { Loading } from '../components/shell.js';
import { formatDateTime } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';

/** The browser's passkey dialog was cancelled or is not available: a message in the user's language. */
export function passkeyBrowserMessage(error: unknown, t: (key: string) => string): string | null {
  if (error instanceof WebAuthnError || (error instanceof DOMException && error.name === 'NotAllowedError')) {
    return t('passkeys.browserCancelled');
  }
  if (error instanceof Error && /WebAuthn is not supported/i.test(error.message)) return t('passkeys.unsupported');
  return null;
}

/** Name a passkey and let the browser create it; `onDone` after the server accepted it. */
export function PasskeyRegistration({
  onDone,
  idPrefix = 'passkey',
}: {
  onDone: (p: Passkey) => void;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const nameSpec: FieldSpec = { name: 'name', id: fieldId(idPrefix, 'name'), label: t('passkeys.name') };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      fail({ fields: { name: t('passkeys.nameRequired') }, general: [] });
      return;
    }
    setBusy(true);
    try {
      const { options } = await passkeyRegistrationOptions();
      const response = await startRegistration({ optionsJSON: options });
      const created = await registerPasskey({ name: name.trim(), response });
      clear();
      setName('');
      onDone(created);
    } catch (error) {
      const browser = passkeyBrowserMessage(error, t);
      if (browser) fail({ fields: {}, general: [browser] });
      else fail(problemToErrors(error, [nameSpec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form" noValidate onSubmit={submit} aria-label={t('passkeys.register')}>
      <ErrorSummary errors={errors} fields={[nameSpec]} focusSignal={focusSignal} />
      <TextField
        spec={nameSpec}
        required
        hint={t('passkeys.nameHint')}
        maxLength={100}
        value={name}
        onValue={setName}
        error={errors.fields.name}
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {busy ? t('passkeys.registering') : t('passkeys.register')}
        </Button>
      </FormActions>
    </form>
  );
}

export function PasskeysPage() {
  const { t } = useTranslation();
  const passkeys = useLoad(() => listPasskeys().then((r) => r.items), []);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const [confirming, setConfirming] = useState<Passkey | null>(null);

  async function remove(p: Passkey) {
    setConfirming(null);
    setBusy(true);
    try {
      await removePasskey(p.id);
      setNotice({ severity: 'success', text: t('passkeys.removed', { name: p.name }) });
      await passkeys.reload();
    } catch (error) {
      setNotice({ severity: 'error', text: generalMessage(error, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="schakel-narrow">
      <PageHeader title={t('passkeys.title')} intro={t('passkeys.intro')} />
      {notice && <Notice severity={notice.severity} heading={notice.text} live />}
      {confirming && (
        <Notice severity="warning" heading={t('passkeys.removeConfirm', { name: confirming.name })} live>
          <p className="schakel-form-actions">
            <Button disabled={busy} onClick={() => void remove(confirming)}>
              {t('passkeys.removeYes')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              {t('passkeys.removeNo')}
            </Button>
          </p>
        </Notice>
      )}
      {passkeys.error !== null && <LoadError error={passkeys.error} onRetry={() => void passkeys.reload()} />}
      {passkeys.data === null && passkeys.error === null && <Loading />}
      {passkeys.data && passkeys.data.length === 0 && <Paragraph>{t('passkeys.empty')}</Paragraph>}
      {passkeys.data && passkeys.data.length > 0 && (
        <DataTable
          caption={t('passkeys.caption')}
          head={
            <Tr>
              <Th>{t('passkeys.name')}</Th>
              <Th>{t('passkeys.createdAt')}</Th>
              <Th>{t('passkeys.lastUsedAt')}</Th>
              <Th>
                <span className="schakel-visually-hidden">{t('passkeys.remove')}</span>
              </Th>
            </Tr>
          }
        >
          {passkeys.data.map((p) => (
            <Tr key={p.id}>
              <Td>{p.name}</Td>
              <Td>{formatDateTime(p.createdAt)}</Td>
              <Td>{p.lastUsedAt ? formatDateTime(p.lastUsedAt) : t('passkeys.never')}</Td>
              <Td>
                <Button variant="secondary" disabled={busy} onClick={() => setConfirming(p)}>
                  {t('passkeys.removeLabel', { name: p.name })}
                </Button>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <section className="schakel-section" aria-labelledby="passkeys-new">
        <Heading level={2} size="level-3" id="passkeys-new">
          {t('passkeys.newHeading')}
        </Heading>
        <PasskeyRegistration
          onDone={(p) => {
            setNotice({ severity: 'success', text: t('passkeys.registered', { name: p.name }) });
            void passkeys.reload();
          }}
        />
      </section>
    </div>
  );
}
