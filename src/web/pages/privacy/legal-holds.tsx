/**
 * Legal holds (issue 4 part 4), on the retention page: the privacy officer or the administrator
 * suspends the destruction of a case (chosen from the preview or by its ID) or of everything about a
 * person (found by name), with a reason, and lifts the hold again with a reason. Only the case's
 * reference is shown, never its content.
 */
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import {
  createLegalHold,
  type DueRecord,
  type LegalHold,
  liftLegalHold,
  listLegalHolds,
  type SarPersonMatch,
} from '../../api/privacy.js';
import { Badge, Button, DescriptionList, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  RadioGroupField,
  requireText,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { LoadError, Notice } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { StaleNotice } from '../admin/stale.js';
import { PersonSearch, personOptions } from './person-finder.js';
import { nestedProblemToErrors } from './shared.js';

type Show = 'true' | 'false' | 'all';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function LegalHoldsSection({
  prefillCase,
  onPrefillUsed,
  onChanged,
}: {
  prefillCase: DueRecord | null;
  onPrefillUsed: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [show, setShow] = useState<Show>('true');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const holds = useLoad(() => listLegalHolds(show === 'all' ? {} : { active: show }).then((r) => r.items), [show]);
  const showSpec: FieldSpec = { name: 'active', id: 'legal-holds-show', label: t('privacyPages.holds.show') };

  useEffect(() => {
    if (prefillCase) {
      setNotice(null);
      setAdding(true);
    }
  }, [prefillCase]);

  const changed = (message: string) => {
    setNotice(message);
    void holds.reload();
    onChanged();
  };

  return (
    <section className="schakel-section" aria-labelledby="legal-holds">
      <Heading level={2} id="legal-holds">
        {t('privacyPages.holds.heading')}
      </Heading>
      <Paragraph>{t('privacyPages.holds.intro')}</Paragraph>
      {notice && <Notice severity="success" heading={notice} live />}
      {!adding && (
        <div className="pv-actions">
          <Button
            variant="secondary"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            {t('privacyPages.holds.new')}
          </Button>
        </div>
      )}
      {adding && (
        <NewHoldForm
          key={prefillCase?.id ?? 'new'}
          prefillCase={prefillCase}
          onCancel={() => {
            setAdding(false);
            onPrefillUsed();
          }}
          onCreated={(hold) => {
            setAdding(false);
            onPrefillUsed();
            changed(
              t('privacyPages.holds.created', {
                what: hold.caseReference ?? hold.personName ?? '',
              }),
            );
          }}
        />
      )}
      <div className="schakel-filters pv-filter">
        <RadioGroupField
          spec={showSpec}
          value={show}
          onValue={(v) => setShow(v as Show)}
          options={[
            { value: 'true', label: t('privacyPages.holds.active') },
            { value: 'false', label: t('privacyPages.holds.lifted') },
            { value: 'all', label: t('privacyPages.holds.all') },
          ]}
        />
      </div>
      {holds.error !== null && <LoadError error={holds.error} onRetry={() => void holds.reload()} />}
      {holds.loading && !holds.data && <Loading />}
      {holds.data && holds.data.length === 0 && <Paragraph>{t('privacyPages.holds.empty')}</Paragraph>}
      {holds.data && holds.data.length > 0 && (
        <ol className="pv-items">
          {holds.data.map((h) => (
            <li key={h.id}>
              <HoldCard
                hold={h}
                onReload={() => void holds.reload()}
                onLifted={(lifted) =>
                  changed(
                    t('privacyPages.holds.liftedNotice', { what: lifted.caseReference ?? lifted.personName ?? '' }),
                  )
                }
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function holdTitle(h: LegalHold, t: TFunction): string {
  return h.target === 'case'
    ? t('privacyPages.holds.onCase', { reference: h.caseReference ?? '' })
    : t('privacyPages.holds.onPerson', { name: h.personName ?? t('privacyPages.common.unknown') });
}

function HoldCard({
  hold,
  onLifted,
  onReload,
}: {
  hold: LegalHold;
  onLifted: (hold: LegalHold) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const headingId = `hold-${hold.id}`;
  const reasonSpec: FieldSpec = {
    name: 'reason',
    id: fieldId(`hold-${hold.id}`, 'reason'),
    label: t('privacyPages.holds.liftReason'),
  };
  const title = holdTitle(hold, t);

  useEffect(() => {
    if (open) document.getElementById(reasonSpec.id)?.focus();
  }, [open, reasonSpec.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, reasonSpec, reason, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const lifted = await liftLegalHold(hold.id, { reason: reason.trim(), version: hold.version });
      clear();
      onLifted(lifted);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(nestedProblemToErrors(error, [reasonSpec], t));
      setBusy(false);
    }
  }

  return (
    <article className="pv-item" aria-labelledby={headingId}>
      <Heading level={3} size="level-4" id={headingId}>
        {title}{' '}
        {hold.active ? (
          <Badge color="orange" label={t('privacyPages.holds.inForce')} />
        ) : (
          <Badge color="azure" label={t('privacyPages.holds.liftedBadge')} />
        )}
      </Heading>
      <DescriptionList termsWidth="medium" className="pv-item__facts">
        <DescriptionList.Term>{t('privacyPages.holds.reason')}</DescriptionList.Term>
        <DescriptionList.Description className="pv-prewrap">{hold.reason}</DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.holds.setBy')}</DescriptionList.Term>
        <DescriptionList.Description>
          {hold.setBy.name}, {formatDateTime(hold.setAt)}
        </DescriptionList.Description>
        {hold.liftedAt && (
          <>
            <DescriptionList.Term>{t('privacyPages.holds.liftedBy')}</DescriptionList.Term>
            <DescriptionList.Description>
              {hold.liftedBy?.name ?? ''}, {formatDateTime(hold.liftedAt)}
            </DescriptionList.Description>
            <DescriptionList.Term>{t('privacyPages.holds.liftReason')}</DescriptionList.Term>
            <DescriptionList.Description className="pv-prewrap">{hold.liftReason}</DescriptionList.Description>
          </>
        )}
      </DescriptionList>
      {hold.active && !open && (
        <div>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('privacyPages.holds.lift')}
            <span className="schakel-visually-hidden"> — {title}</span>
          </Button>
        </div>
      )}
      {hold.active && open && (
        <form className="schakel-form pv-item__form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <ErrorSummary errors={errors} fields={[reasonSpec]} focusSignal={focusSignal} />
          {stale && <StaleNotice onReload={onReload} />}
          <TextAreaField
            spec={reasonSpec}
            required
            rows={3}
            value={reason}
            onValue={setReason}
            maxLength={2000}
            error={errors.fields.reason}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('privacyPages.holds.liftSubmit')}
            </Button>
            <Button variant="tertiary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </FormActions>
        </form>
      )}
    </article>
  );
}

function NewHoldForm({
  prefillCase,
  onCancel,
  onCreated,
}: {
  prefillCase: DueRecord | null;
  onCancel: () => void;
  onCreated: (hold: LegalHold) => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<'case' | 'person'>(prefillCase ? 'case' : 'person');
  const [caseId, setCaseId] = useState(prefillCase?.id ?? '');
  const [matches, setMatches] = useState<SarPersonMatch[] | null>(null);
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const f = (name: string, label: string): FieldSpec => ({ name, id: fieldId('hold-new', name), label });
  const targetSpec = f('target', t('privacyPages.holds.target'));
  const caseSpec = f('caseId', t('privacyPages.holds.caseId'));
  // Before a search, "choose a person" leads to the search form.
  const personSpec: FieldSpec = {
    name: 'personId',
    id: matches && matches.length > 0 ? fieldId('hold-new', 'personId') : fieldId('hold-find', 'firstName'),
    label: t('privacyPages.holds.person'),
  };
  const reasonSpec = f('reason', t('privacyPages.holds.reason'));
  const fields = [targetSpec, caseSpec, personSpec, reasonSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (target === 'case') {
      if (!caseId.trim()) found.caseId = t('privacyPages.holds.caseIdRequired');
      else if (!UUID.test(caseId.trim())) found.caseId = t('privacyPages.log.caseIdFormat');
    } else if (!personId) {
      found.personId = t('privacyPages.holds.personRequired');
    }
    requireText(found, reasonSpec, reason, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const hold = await createLegalHold({
        ...(target === 'case' ? { caseId: caseId.trim() } : { personId }),
        reason: reason.trim(),
      });
      clear();
      onCreated(hold);
    } catch (error) {
      const errs = nestedProblemToErrors(error, fields, t);
      if (error instanceof ApiError && error.status === 404 && Object.keys(errs.fields).length === 0) {
        errs.general = [t(target === 'case' ? 'privacyPages.holds.noSuchCase' : 'privacyPages.holds.noSuchPerson')];
      }
      fail(errs);
      setBusy(false);
    }
  }

  return (
    <div className="pv-panel schakel-narrow">
      <Heading level={3} id="hold-new-heading" tabIndex={-1} ref={heading}>
        {prefillCase
          ? t('privacyPages.holds.newForCase', { reference: prefillCase.reference })
          : t('privacyPages.holds.new')}
      </Heading>
      {!prefillCase && (
        <RadioGroupField
          spec={targetSpec}
          value={target}
          onValue={(v) => {
            clear();
            setTarget(v as 'case' | 'person');
          }}
          options={[
            { value: 'person', label: t('privacyPages.holds.targetPerson') },
            { value: 'case', label: t('privacyPages.holds.targetCase') },
          ]}
        />
      )}
      {target === 'person' && (
        <PersonSearch
          formId="hold-find"
          heading={t('privacyPages.holds.findPerson')}
          level={4}
          onResults={(found) => {
            setPersonId('');
            setMatches(found);
          }}
        />
      )}
      <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="hold-new-heading">
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        {target === 'case' && !prefillCase && (
          <TextField
            spec={caseSpec}
            required
            hint={t('privacyPages.holds.caseIdHint')}
            value={caseId}
            onValue={setCaseId}
            error={errors.fields.caseId}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        {target === 'person' && matches !== null && matches.length === 0 && (
          <Paragraph>{t('privacyPages.holds.noPersons')}</Paragraph>
        )}
        {target === 'person' && matches !== null && matches.length > 0 && (
          <RadioGroupField
            spec={personSpec}
            value={personId}
            onValue={setPersonId}
            options={personOptions(matches, t)}
            error={errors.fields.personId}
          />
        )}
        <TextAreaField
          spec={reasonSpec}
          required
          rows={3}
          hint={t('privacyPages.holds.reasonHint')}
          value={reason}
          onValue={setReason}
          maxLength={2000}
          error={errors.fields.reason}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('privacyPages.holds.submit')}
          </Button>
          <Button variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </FormActions>
      </form>
    </div>
  );
}
