/**
 * Contact circles (contactcirkels, 001 action line 1): the list, newest incident first, and opening a
 * new circle after an incident. The circle itself is on contact-circle-page.tsx.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  CONTACT_CIRCLE_STATUSES,
  type ContactCircleStatus,
  type ContactCircleSummary,
  createContactCircle,
  listContactCircles,
} from '../../api/networks.js';
import { Button, Paragraph } from '../../components/ams.js';
import {
  type FieldErrors,
  type FieldSpec,
  fieldId,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { FormShell, formFields, useSaveForm } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { CircleStatusBadge, progressText } from './circle-labels.js';
import { networkProblemToErrors, todayIso } from './shared.js';

export function ContactCirclesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'' | ContactCircleStatus>('');
  const [more, setMore] = useState<ContactCircleSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const data = useLoad(async () => {
    const result = await listContactCircles({ limit: 50, ...(status ? { status } : {}) });
    setMore([]);
    setCursor(result.nextCursor);
    return result.items;
  }, [status]);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const result = await listContactCircles({ limit: 50, cursor, ...(status ? { status } : {}) });
      setMore((m) => [...m, ...result.items]);
      setCursor(result.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  }

  const items = [...(data.data ?? []), ...more];
  const statusSpec: FieldSpec = {
    name: 'status',
    id: fieldId('circle-filter', 'status'),
    label: t('networksPages.circles.statusFilter'),
  };
  return (
    <>
      <PageHeader
        title={t('networksPages.circles.title')}
        intro={t('networksPages.circles.intro')}
        actions={<LinkButton to={newPath(paths.contactCircles)}>{t('networksPages.circles.open')}</LinkButton>}
      />
      <Flash />
      <div className="schakel-filters">
        <SelectField
          spec={statusSpec}
          value={status}
          onValue={(v) => setStatus(v as '' | ContactCircleStatus)}
          options={[
            { value: '', label: t('networksPages.circles.allStatuses') },
            ...CONTACT_CIRCLE_STATUSES.map((s) => ({ value: s, label: t(`networksPages.circles.statuses.${s}`) })),
          ]}
        />
      </div>
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data &&
        (items.length === 0 ? (
          <Paragraph>{t('networksPages.circles.empty')}</Paragraph>
        ) : (
          <DataTable
            caption={t('networksPages.circles.caption')}
            head={
              <>
                <Th>{t('networksPages.circles.incident')}</Th>
                <Th>{t('networksPages.circles.incidentOn')}</Th>
                <Th>{t('networksPages.circles.status')}</Th>
                <Th>{t('networksPages.circles.progress')}</Th>
                <Th align="end">{t('networksPages.circles.invitees')}</Th>
              </>
            }
          >
            {items.map((c) => (
              <Tr key={c.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.contactCircles, c.id)}>
                    {c.incidentTitle}
                  </Link>
                </Td>
                <Td>{formatDate(c.incidentOn)}</Td>
                <Td>
                  <CircleStatusBadge status={c.status} />
                </Td>
                <Td>{progressText(c, t)}</Td>
                <Td align="end">{c.inviteeCount}</Td>
              </Tr>
            ))}
          </DataTable>
        ))}
      {cursor && (
        <p className="schakel-more">
          <Button variant="secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </p>
      )}
    </>
  );
}

export function ContactCircleNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [incidentTitle, setIncidentTitle] = useState('');
  const [incidentOn, setIncidentOn] = useState(todayIso());
  const [description, setDescription] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('circle', {
    incidentTitle: t('networksPages.circles.incident'),
    incidentOn: t('networksPages.circles.incidentOn'),
    description: t('networksPages.circles.description'),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('incidentTitle'), incidentTitle, t);
    requireText(found, spec('incidentOn'), incidentOn, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const circle = await createContactCircle({
          incidentTitle: incidentTitle.trim(),
          incidentOn,
          description: description.trim() || null,
        });
        clear();
        navigate(itemPath(paths.contactCircles, circle.id), {
          state: { notice: t('networksPages.circles.opened', { title: circle.incidentTitle }) },
        });
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  return (
    <div className="schakel-narrow">
      <BackLink to={paths.contactCircles}>{t('networksPages.circles.title')}</BackLink>
      <PageHeader title={t('networksPages.circles.newTitle')} intro={t('networksPages.circles.newIntro')} />
      <FormShell
        onSubmit={submit}
        errors={errors}
        fields={fields}
        focusSignal={focusSignal}
        busy={busy}
        submitLabel={t('networksPages.circles.openSubmit')}
        cancelTo={paths.contactCircles}
      >
        <TextField
          spec={spec('incidentTitle')}
          required
          hint={t('networksPages.circles.incidentHint')}
          value={incidentTitle}
          onValue={setIncidentTitle}
          error={errors.fields.incidentTitle}
          autoComplete="off"
        />
        <TextField
          spec={spec('incidentOn')}
          required
          type="date"
          value={incidentOn}
          onValue={setIncidentOn}
          error={errors.fields.incidentOn}
        />
        <TextAreaField
          spec={spec('description')}
          optional
          hint={t('networksPages.circles.descriptionHint')}
          value={description}
          onValue={setDescription}
          error={errors.fields.description}
        />
      </FormShell>
    </div>
  );
}
