import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { confirmTotpEnrolment, getMe, startTotpEnrolment } from '../api/endpoints.js';
import type { TotpEnrolment } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { Button, Heading, Paragraph } from '../components/ams.js';
import {
  ErrorSummary,
  type FieldSpec,
  FormActions,
  fieldId,
  problemToErrors,
  TextField,
  useFormErrors,
} from '../components/form.js';
import { LoadError, PageHeader } from '../components/page.js';
import { Loading } from '../components/shell.js';
import { paths } from '../paths.js';
import { PasskeyRegistration } from './passkeys.js';

/** The QR code arrives as SVG markup; an <img> with a data: URL shows it without inline markup or styles. */
function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Groups a base32 secret in blocks of four, as authenticator apps show it. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function EnrolmentPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  const { errors, fail, focusSignal } = useFormErrors();
  const codeSpec: FieldSpec = { name: 'code', id: fieldId('enrolment', 'code'), label: t('enrolment.code') };

  const start = useCallback(async () => {
    setLoadError(null);
    try {
      setEnrolment(await startTotpEnrolment());
    } catch (e) {
      setLoadError(e);
    }
  }, []);

  // Under the region's passkey policy an authenticator app is not enough: only a passkey is offered.
  const passkeyOnly = session.me?.passkeyRequired === true;

  useEffect(() => {
    // Each start makes a new secret: start once, also under React's development double effects.
    if (started.current || !session.mustEnrol || session.mustChangePassword || passkeyOnly) return;
    started.current = true;
    void start();
  }, [session.mustEnrol, session.mustChangePassword, passkeyOnly, start]);

  if (session.mustChangePassword) return <Navigate to={paths.password} replace />;
  if (!session.mustEnrol && !busy) return <Navigate to={paths.home} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = code.trim();
    if (!/^\d{6}$/.test(value)) {
      fail({ fields: { code: t('signIn.totpFormat') }, general: [] });
      return;
    }
    setBusy(true);
    try {
      const me = await confirmTotpEnrolment(value);
      session.signedIn(me);
      navigate(paths.home, { replace: true, state: { notice: t('enrolment.done') } });
    } catch (error) {
      // On success `busy` stays set: the page is left, and must not redirect again on its own.
      setBusy(false);
      setCode('');
      fail(problemToErrors(error, [codeSpec], t));
    }
  }

  const alreadyEnrolled = loadError instanceof ApiError && loadError.code === 'CONFLICT';

  async function passkeyDone() {
    setBusy(true);
    const me = await getMe();
    session.signedIn(me);
    navigate(paths.home, { replace: true, state: { notice: t('enrolment.passkeyDone') } });
  }

  const passkeySection = (
    <section className="schakel-section" aria-labelledby="enrolment-passkey">
      <Heading level={2} size="level-3" id="enrolment-passkey">
        {passkeyOnly ? t('enrolment.passkeyRequiredHeading') : t('enrolment.passkeyHeading')}
      </Heading>
      <Paragraph>{passkeyOnly ? t('enrolment.passkeyRequiredText') : t('enrolment.passkeyText')}</Paragraph>
      <PasskeyRegistration idPrefix="enrolment-passkey" onDone={() => void passkeyDone()} />
    </section>
  );

  if (passkeyOnly) {
    return (
      <div className="schakel-narrow">
        <PageHeader title={t('enrolment.passkeyTitle')} intro={t('enrolment.passkeyIntro')} />
        {passkeySection}
      </div>
    );
  }

  return (
    <div className="schakel-narrow">
      <PageHeader title={t('enrolment.title')} intro={t('enrolment.intro')} />
      {loadError !== null && !alreadyEnrolled && <LoadError error={loadError} onRetry={() => void start()} />}
      {alreadyEnrolled && <Paragraph>{t('enrolment.alreadyEnrolled')}</Paragraph>}
      {!enrolment && loadError === null && <Loading />}
      {enrolment && (
        <>
          <section className="schakel-section" aria-labelledby="enrolment-step-1">
            <Heading level={2} size="level-3" id="enrolment-step-1">
              {t('enrolment.step1')}
            </Heading>
            <Paragraph>{t('enrolment.step1Text')}</Paragraph>
            <img
              className="schakel-qr"
              src={svgDataUrl(enrolment.qrSvg)}
              alt={t('enrolment.qrAlt')}
              width={200}
              height={200}
            />
            <Paragraph>{t('enrolment.manual')}</Paragraph>
            <p className="schakel-secret">
              <span className="schakel-visually-hidden">{t('enrolment.secretLabel')}: </span>
              <code data-secret={enrolment.secret}>{groupSecret(enrolment.secret)}</code>
            </p>
          </section>
          <section className="schakel-section" aria-labelledby="enrolment-step-2">
            <Heading level={2} size="level-3" id="enrolment-step-2">
              {t('enrolment.step2')}
            </Heading>
            <form className="schakel-form" noValidate onSubmit={submit}>
              <ErrorSummary errors={errors} fields={[codeSpec]} focusSignal={focusSignal} />
              <TextField
                spec={codeSpec}
                required
                hint={t('enrolment.codeHint')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                size={8}
                value={code}
                onValue={(v) => setCode(v.replace(/\s/g, ''))}
                error={errors.fields.code}
              />
              <FormActions>
                <Button type="submit" disabled={busy}>
                  {t('enrolment.submit')}
                </Button>
              </FormActions>
            </form>
          </section>
        </>
      )}
      {passkeySection}
    </div>
  );
}
