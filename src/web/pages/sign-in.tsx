import { startAuthentication } from '@simplewebauthn/browser';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { isOidcRefusal } from '../../core/sign-in.js';
import { ApiError } from '../api/client.js';
import { login } from '../api/endpoints.js';
import { listSignInProviders, loginWithPasskey, oidcStartUrl, passkeySignInOptions } from '../api/identity.js';
import type { Me } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { Button, Heading, Paragraph } from '../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  problemToErrors,
  requireText,
  TextField,
  useFormErrors,
} from '../components/form.js';
import { Notice, PageHeader } from '../components/page.js';
import { useLoad } from '../lib/use-load.js';
import { paths } from '../paths.js';
import { passkeyBrowserMessage } from './passkeys.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const [search] = useSearchParams();
  const refusal = search.get('fout');
  const providers = useLoad(() => listSignInProviders().then((r) => r.items), []);

  const fields: FieldSpec[] = [
    { name: 'email', id: fieldId('sign-in', 'email'), label: t('signIn.email') },
    { name: 'password', id: fieldId('sign-in', 'password'), label: t('signIn.password') },
    { name: 'totp', id: fieldId('sign-in', 'totp'), label: t('signIn.totp') },
  ];
  const [emailSpec, passwordSpec, totpSpec] = fields as [FieldSpec, FieldSpec, FieldSpec];

  if (session.status === 'signed-in' && !busy) {
    const next = session.mustChangePassword
      ? paths.password
      : session.mustEnrol
        ? paths.enrolment
        : (from ?? paths.home);
    return <Navigate to={next} replace />;
  }

  /** Client-side checks of e-mail and password (and the code's form); true when they pass. */
  function checked(withTotp: boolean): boolean {
    const found: FieldErrors = {};
    requireText(found, emailSpec, email, t);
    if (!found.email && !EMAIL.test(email.trim())) found.email = t('signIn.emailFormat');
    requireText(found, passwordSpec, password, t);
    if (withTotp && totp.trim() && !/^\d{6}$/.test(totp.trim())) found.totp = t('signIn.totpFormat');
    if (Object.keys(found).length) {
      fail({ fields: found, general: [] });
      return false;
    }
    return true;
  }

  function enter(me: Me) {
    clear();
    session.signedIn(me);
    const next = me.mustChangePassword
      ? paths.password
      : me.secondFactorPending
        ? paths.enrolment
        : (from ?? paths.home);
    navigate(next, { replace: true });
  }

  function failed(error: unknown) {
    // On success `busy` stays set: the page is left, and must not redirect again on its own.
    setBusy(false);
    setPassword('');
    setTotp('');
    const browser = passkeyBrowserMessage(error, t);
    if (browser) {
      fail({ fields: {}, general: [browser] });
    } else if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
      fail({ fields: {}, general: [t('signIn.invalidCredentials')] });
    } else if (error instanceof ApiError && error.code === 'NO_ROLE') {
      fail({ fields: {}, general: [t('signIn.noRole')] });
    } else if (error instanceof ApiError && error.status === 429) {
      const minutes = error.retryAfter ? Math.ceil(error.retryAfter / 60) : 1;
      fail({
        fields: {},
        general: [minutes > 1 ? t('signIn.rateLimited', { minutes }) : t('signIn.rateLimitedSoon')],
      });
    } else {
      fail(problemToErrors(error, fields, t));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!checked(true)) return;
    setBusy(true);
    try {
      enter(
        await login({
          email: email.trim(),
          password,
          ...(totp.trim() ? { totp: totp.trim() } : {}),
        }),
      );
    } catch (error) {
      failed(error);
    }
  }

  /** Password, then the passkey: the browser asks the authenticator to sign the server's challenge. */
  async function withPasskey() {
    if (!checked(false)) return;
    setBusy(true);
    try {
      const { options } = await passkeySignInOptions({ email: email.trim(), password });
      const passkey = await startAuthentication({ optionsJSON: options });
      enter(await loginWithPasskey({ email: email.trim(), password, passkey }));
    } catch (error) {
      failed(error);
    }
  }

  return (
    <div className="schakel-narrow">
      <PageHeader title={t('signIn.title')} intro={t('signIn.intro')} />
      {session.notice === 'expired' && <Notice severity="warning" heading={t('errors.sessionExpired')} />}
      {session.notice === 'signed-out' && <Notice severity="success" heading={t('errors.signedOut')} live />}
      {refusal && isOidcRefusal(refusal) && (
        <Notice severity="error" heading={t('signIn.ssoFailed')} live>
          <Paragraph>{t(`signInRefusals.${refusal}`)}</Paragraph>
        </Notice>
      )}
      {providers.data && providers.data.length > 0 && (
        <section className="schakel-section" aria-labelledby="sign-in-sso">
          <Heading level={2} size="level-3" id="sign-in-sso">
            {t('signIn.ssoHeading')}
          </Heading>
          <Paragraph>{t('signIn.ssoIntro')}</Paragraph>
          <ul className="schakel-sso-list">
            {providers.data.map((p) => (
              <li key={p.id}>
                <a className="ams-button ams-button--primary schakel-link-button" href={oidcStartUrl(p.id)}>
                  {t('signIn.sso', { name: p.name })}
                </a>
              </li>
            ))}
          </ul>
          <Heading level={2} size="level-3">
            {t('signIn.passwordHeading')}
          </Heading>
        </section>
      )}
      <form className="schakel-form" noValidate onSubmit={submit} aria-label={t('signIn.title')}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <TextField
          spec={emailSpec}
          required
          type="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          error={errors.fields.email}
        />
        <TextField
          spec={passwordSpec}
          required
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.fields.password}
        />
        <TextField
          spec={totpSpec}
          hint={t('signIn.totpHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          size={8}
          value={totp}
          onValue={(v) => setTotp(v.replace(/\s/g, ''))}
          error={errors.fields.totp}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
          <Button type="button" variant="secondary" disabled={busy} onClick={() => void withPasskey()}>
            {t('signIn.withPasskey')}
          </Button>
        </FormActions>
      </form>
      {session.instance?.demo && (
        <Paragraph size="small" className="schakel-muted">
          {t('signIn.demoHint')}
        </Paragraph>
      )}
    </div>
  );
}
