import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createTriageMeeting, listTriageMeetings, type TriageMeetingSummary } from '../../api/triage.js';
import { useSession } from '../../auth/session.js';
import { Button, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  requireText,
  SelectField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, Flash, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, paths } from '../../paths.js';
import { pointerErrors, specFinder, todayIso, useMunicipalities } from '../signals/common.js';

const PAGE_SIZE = 50;

export function TriageMeetingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const isDirector = session.me?.user.role === 'process_director';
  const [items, setItems] = useState<TriageMeetingSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const first = useLoad(() => listTriageMeetings({ limit: PAGE_SIZE }), []);
  useEffect(() => {
    if (first.data) {
      setItems(first.data.items);
      setCursor(first.data.nextCursor);
    }
  }, [first.data]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listTriageMeetings({ limit: PAGE_SIZE, cursor });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeader title={t('triage.title')} intro={t('triage.intro')} />
      <Flash />
      {isDirector ? <NewTriageMeeting /> : <Paragraph>{t('triage.onlyDirectors')}</Paragraph>}
      {first.error !== null && <LoadError error={first.error} onRetry={() => void first.reload()} />}
      {first.loading && <Loading />}
      {!first.loading && first.data && (
        <>
          <DataTable
            caption={`${t('triage.caption')} (${t('common.countShown', { count: items.length })})`}
            head={
              <>
                <Th>{t('triage.heldOn')}</Th>
                <Th>{t('triage.municipality')}</Th>
                <Th>{t('triage.status')}</Th>
                <Th align="end">{t('triage.agendaSize')}</Th>
                <Th>{t('triage.chair')}</Th>
              </>
            }
          >
            {items.map((m) => (
              <Tr key={m.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.triage, m.id)}>
                    {t('triage.meetingTitle', { date: formatDate(m.heldOn) })}
                  </Link>
                </Td>
                <Td>{m.municipality.name}</Td>
                <Td>{t(`triage.statusLabel.${m.status}`)}</Td>
                <Td align="end">{m.agendaSize}</Td>
                <Td>{m.chair.name}</Td>
              </Tr>
            ))}
          </DataTable>
          {items.length === 0 && <Paragraph>{t('triage.empty')}</Paragraph>}
          {moreError !== null && <LoadError error={moreError} />}
          {cursor && (
            <p className="schakel-more">
              <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>
                {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
              </Button>
            </p>
          )}
        </>
      )}
    </>
  );
}

function NewTriageMeeting() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const municipalities = useMunicipalities();
  // Only the municipality of the director's own organisation may be chosen (the API refuses others).
  const own = (municipalities.data ?? []).filter((m) => m.organisationId === session.me?.user.organisation.id);
  const [municipalityId, setMunicipalityId] = useState('');
  const [heldOn, setHeldOn] = useState(todayIso());
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'municipalityId', id: 'triage-municipality', label: t('triage.municipality') },
    { name: 'heldOn', id: 'triage-heldOn', label: t('triage.heldOn') },
  ];
  const spec = specFinder(fields);
  const onlyOne = own.length === 1 ? own[0] : undefined;
  useEffect(() => {
    if (onlyOne) setMunicipalityId((current) => current || onlyOne.id);
  }, [onlyOne]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('municipalityId'), municipalityId, t, 'errors.requiredChoice');
    requireText(found, spec('heldOn'), heldOn, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const meeting = await createTriageMeeting({ municipalityId, heldOn });
      clear();
      navigate(itemPath(paths.triage, meeting.id), {
        state: { notice: t('triage.created', { date: formatDate(meeting.heldOn) }) },
      });
    } catch (error) {
      fail(pointerErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="schakel-section" aria-labelledby="triage-new">
      <Heading level={2} id="triage-new">
        {t('triage.newHeading')}
      </Heading>
      {municipalities.error !== null && <LoadError error={municipalities.error} />}
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <div className="schakel-grid-fields">
          <SelectField
            spec={spec('municipalityId')}
            required
            value={municipalityId}
            onValue={setMunicipalityId}
            placeholder={t('common.choose')}
            options={own.map((m) => ({ value: m.id, label: m.name }))}
            error={errors.fields.municipalityId}
          />
          <TextField
            spec={spec('heldOn')}
            required
            type="date"
            value={heldOn}
            onValue={setHeldOn}
            error={errors.fields.heldOn}
          />
        </div>
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('triage.create')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}
