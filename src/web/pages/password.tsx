/**
 * Change one's own password: the current one, and a new one twice. After an admin set or reset the
 * password, this page comes first and nothing else opens until it is done.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { changeOwnPassword } from '../api/endpoints.js';
import { useSession } from '../auth/session.js';
import { Button } from '../components/ams.js';
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
import { PageHeader } from '../components/page.js';
import { paths } from '../paths.js';

const MIN_LENGTH = 12;

export function PasswordPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const forced = session.mustChangePassword;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    {
      name: 'currentPassword',
      id: fieldId('password', 'current'),
      label: forced ? t('accounts.password.currentForced') : t('accounts.password.current'),
    },
    { name: 'newPassword', id: fieldId('password', 'new'), label: t('accounts.password.new') },
    { name: 'repeat', id: fieldId('password', 'repeat'), label: t('accounts.password.repeat') },
  ];
  const [currentSpec, newSpec, repeatSpec] = fields as [FieldSpec, FieldSpec, FieldSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, currentSpec, current, t);
    requireText(found, newSpec, next, t);
    if (!found.newPassword && next.length < MIN_LENGTH) {
      found.newPassword = t('errors.codes.password_too_short', { label: newSpec.label });
    }
    if (!found.newPassword && repeat !== next) found.repeat = t('accounts.password.mismatch');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const me = await changeOwnPassword({ currentPassword: current, newPassword: next });
      clear();
      session.signedIn(me);
      // With a second factor still to enrol, the guards take the user there next.
      navigate(paths.home, { replace: true, state: { notice: t('accounts.password.done') } });
    } catch (error) {
      setBusy(false);
      setCurrent('');
      fail(problemToErrors(error, fields, t));
    }
  }

  return (
    <div className="schakel-narrow">
      <PageHeader
        title={t('accounts.password.title')}
        intro={forced ? t('accounts.password.forcedIntro') : t('accounts.password.intro')}
      />
      <form className="schakel-form" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <TextField
          spec={currentSpec}
          required
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          error={errors.fields.currentPassword}
        />
        <TextField
          spec={newSpec}
          required
          type="password"
          autoComplete="new-password"
          hint={t('accounts.password.newHint')}
          value={next}
          onValue={setNext}
          error={errors.fields.newPassword}
        />
        <TextField
          spec={repeatSpec}
          required
          type="password"
          autoComplete="new-password"
          value={repeat}
          onValue={setRepeat}
          error={errors.fields.repeat}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('accounts.password.submit')}
          </Button>
        </FormActions>
      </form>
    </div>
  );
}
