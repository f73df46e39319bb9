import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createMeeting } from '../../api/meetings.js';
import { Button } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { BackLink, LinkButton, PageHeader } from '../../components/page.js';
import { formatDate } from '../../lib/format.js';
import { meetingPath, meetingsPath } from '../cases/paths.js';
import { caseProblemToErrors } from '../cases/shared.js';
import { toLocalInput } from './format.js';

/** Next week's same weekday at 09:00–12:00: a sensible default for a weekly case conference. */
function defaultTimes(): { start: string; end: string } {
  const start = new Date();
  start.setDate(start.getDate() + 7);
  start.setHours(9, 0, 0, 0);
  const end = new Date(start);
  end.setHours(12, 0, 0, 0);
  return { start: toLocalInput(start), end: toLocalInput(end) };
}

export function NewMeetingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [defaults] = useState(defaultTimes);
  const [title, setTitle] = useState(
    () => `${t('meetings.new.defaultTitle')} ${formatDate(new Date(defaults.start).toISOString())}`,
  );
  const [startsAt, setStartsAt] = useState(defaults.start);
  const [endsAt, setEndsAt] = useState(defaults.end);
  const [location, setLocation] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'title', id: fieldId('meeting', 'title'), label: t('meetings.new.meetingTitle') },
    { name: 'startsAt', id: fieldId('meeting', 'startsAt'), label: t('meetings.new.startsAt') },
    { name: 'endsAt', id: fieldId('meeting', 'endsAt'), label: t('meetings.new.endsAt') },
    { name: 'location', id: fieldId('meeting', 'location'), label: t('meetings.new.location') },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('title'), title, t);
    requireText(found, spec('startsAt'), startsAt, t);
    requireText(found, spec('endsAt'), endsAt, t);
    if (startsAt && endsAt && new Date(endsAt) <= new Date(startsAt)) found.endsAt = t('meetings.new.endBeforeStart');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const meeting = await createMeeting({
        title: title.trim(),
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        location: location.trim() || null,
      });
      clear();
      navigate(meetingPath(meeting.id), { state: { notice: t('meetings.new.created', { title: meeting.title }) } });
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="schakel-narrow">
      <BackLink to={meetingsPath}>{t('meetings.title')}</BackLink>
      <PageHeader title={t('meetings.new.title')} intro={t('meetings.new.intro')} />
      <form className="schakel-form" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <TextField spec={spec('title')} required value={title} onValue={setTitle} error={errors.fields.title} />
        <TextField
          spec={spec('startsAt')}
          required
          type="datetime-local"
          value={startsAt}
          onValue={setStartsAt}
          error={errors.fields.startsAt}
        />
        <TextField
          spec={spec('endsAt')}
          required
          type="datetime-local"
          value={endsAt}
          onValue={setEndsAt}
          error={errors.fields.endsAt}
        />
        <TextField
          spec={spec('location')}
          optional
          value={location}
          onValue={setLocation}
          error={errors.fields.location}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('meetings.new.submit')}
          </Button>
          <LinkButton to={meetingsPath} variant="tertiary">
            {t('common.cancel')}
          </LinkButton>
        </FormActions>
      </form>
    </div>
  );
}
