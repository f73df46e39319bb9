/**
 * Link requests (issue 8): a person known to another municipality is linked to a signal only when a
 * process director of that municipality accepts. The signal page shows its requests to the requesting
 * side (municipality, whom to contact, status, decision — never the person); the page "Koppelverzoeken"
 * shows a process director the requests to decide, with what they need to decide.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acceptLinkRequest,
  type KnownTo,
  type LinkRequest,
  listLinkRequests,
  refuseLinkRequest,
} from '../../api/signals.js';
import { Button, DescriptionList, Heading, Paragraph } from '../../components/ams.js';
import { ErrorSummary, type FieldSpec, FormActions, useFormErrors } from '../../components/form.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { personName, pointerErrors, TextAreaField } from './common.js';

/** "Gemeente Delft: Pieter Regisseur (regisseur@delft.demo)" per municipality. */
function Contacts({ knownTo }: { knownTo: KnownTo[] }) {
  const { t } = useTranslation();
  return (
    <ul className="schakel-inline-list">
      {knownTo.map((k) => (
        <li key={k.municipality.id}>
          {k.contacts.length === 0
            ? t('linkRequests.noContact', { municipality: k.municipality.name })
            : k.contacts
                .map((c) =>
                  t('signals.hitContact', { name: c.name, email: c.email, municipality: k.municipality.name }),
                )
                .join('; ')}
        </li>
      ))}
    </ul>
  );
}

function decisionText(r: LinkRequest, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (r.status === 'pending') return t('linkRequests.status.pending');
  const by = t('intake.common.by', { date: formatDateTime(r.decidedAt ?? ''), name: r.decidedBy?.name ?? '' });
  return `${t(`linkRequests.status.${r.status}`)} — ${by}`;
}

/** The link requests of one signal, for its requesting side. */
export function SignalLinkRequests({ signalId, reloadKey }: { signalId: string; reloadKey: number }) {
  const { t } = useTranslation();
  const list = useLoad(() => listLinkRequests({ direction: 'outgoing', signalId, limit: 200 }), [signalId, reloadKey]);
  const items = list.data?.items ?? [];
  if (list.error === null && items.length === 0) return null;
  return (
    <section className="schakel-section" aria-labelledby="signal-link-requests">
      <Heading level={3} id="signal-link-requests">
        {t('linkRequests.ofSignal')}
      </Heading>
      {list.error !== null && <LoadError error={list.error} onRetry={() => void list.reload()} />}
      {items.length > 0 && (
        <DataTable
          caption={t('linkRequests.ofSignal')}
          captionHidden
          head={
            <>
              <Th>{t('linkRequests.knownTo')}</Th>
              <Th>{t('linkRequests.requested')}</Th>
              <Th>{t('linkRequests.searchedFor')}</Th>
              <Th>{t('linkRequests.statusLabel')}</Th>
              <Th>{t('linkRequests.decisionReason')}</Th>
            </>
          }
        >
          {items.map((r) => (
            <Tr key={r.id}>
              <Td>
                <Contacts knownTo={r.knownTo} />
              </Td>
              <Td>{t('intake.common.by', { date: formatDateTime(r.requestedAt), name: r.requestedBy.name })}</Td>
              <Td>{searched(r, t)}</Td>
              <Td>{decisionText(r, t)}</Td>
              <Td>{r.decisionReason ?? t('intake.common.none')}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function searched(r: LinkRequest, t: (key: string, options?: Record<string, unknown>) => string): string {
  const born = r.searchedFor.dateOfBirth
    ? t('signals.born', { date: formatDate(r.searchedFor.dateOfBirth) })
    : t('signals.bornUnknown');
  return `${personName(r.searchedFor)}, ${born}`;
}

/** The process director's page: requests to decide, and those decided before. */
export function LinkRequestsPage() {
  const { t } = useTranslation();
  const pending = useLoad(() => listLinkRequests({ direction: 'incoming', status: 'pending', limit: 200 }), []);
  const decided = useLoad(() => listLinkRequests({ direction: 'incoming', limit: 50 }), []);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = async (message: string) => {
    setNotice(message);
    await Promise.all([pending.reload(), decided.reload()]);
  };
  const open = pending.data?.items ?? [];
  const done = (decided.data?.items ?? []).filter((r) => r.status !== 'pending');
  return (
    <>
      <PageHeader title={t('linkRequests.title')} intro={t('linkRequests.intro')} />
      {notice && <Notice severity="success" heading={notice} live />}
      <section className="schakel-section" aria-labelledby="link-requests-pending">
        <Heading level={2} id="link-requests-pending">
          {t('linkRequests.pendingHeading')}
        </Heading>
        {pending.error !== null && <LoadError error={pending.error} onRetry={() => void pending.reload()} />}
        {!pending.data && pending.error === null && <Loading />}
        {pending.data && open.length === 0 && <Paragraph>{t('linkRequests.nonePending')}</Paragraph>}
        {open.map((r) => (
          <PendingRequest key={r.id} request={r} onDecided={reload} />
        ))}
      </section>
      <section className="schakel-section" aria-labelledby="link-requests-decided">
        <Heading level={2} id="link-requests-decided">
          {t('linkRequests.decidedHeading')}
        </Heading>
        {decided.error !== null && <LoadError error={decided.error} onRetry={() => void decided.reload()} />}
        {decided.data && done.length === 0 && <Paragraph>{t('linkRequests.noneDecided')}</Paragraph>}
        {done.length > 0 && (
          <DataTable
            caption={t('linkRequests.decidedHeading')}
            captionHidden
            head={
              <>
                <Th>{t('linkRequests.person')}</Th>
                <Th>{t('linkRequests.requestedBy')}</Th>
                <Th>{t('linkRequests.statusLabel')}</Th>
                <Th>{t('linkRequests.decisionReason')}</Th>
              </>
            }
          >
            {done.map((r) => (
              <Tr key={r.id}>
                <Td>{r.person ? personName(r.person) : t('intake.common.unknown')}</Td>
                <Td>
                  {t('linkRequests.requestedByText', {
                    name: r.requestedBy.name,
                    organisation: r.requesterOrganisation.name,
                    date: formatDate(r.requestedAt),
                  })}
                </Td>
                <Td>{decisionText(r, t)}</Td>
                <Td>{r.decisionReason ?? t('intake.common.none')}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

function PendingRequest({ request: r, onDecided }: { request: LinkRequest; onDecided: (m: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [{ name: 'reason', id: `decide-${r.id}-reason`, label: t('linkRequests.reason') }];
  const name = r.person ? personName(r.person) : '';
  const headingId = `request-${r.id}`;

  async function decide(kind: 'accept' | 'refuse', event?: FormEvent) {
    event?.preventDefault();
    const text = reason.trim();
    if (kind === 'refuse' && !text) {
      return fail({ fields: { reason: t('linkRequests.refusalReasonRequired') }, general: [] });
    }
    setBusy(true);
    try {
      if (kind === 'accept') {
        await acceptLinkRequest(r.id, { version: r.version, ...(text ? { reason: text } : {}) });
      } else {
        await refuseLinkRequest(r.id, { version: r.version, reason: text });
      }
      clear();
      await onDecided(t(kind === 'accept' ? 'linkRequests.accepted' : 'linkRequests.refused', { name }));
    } catch (error) {
      fail(pointerErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="schakel-panel schakel-section" aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('linkRequests.requestHeading', { name, municipality: r.requesterMunicipality.name })}
      </Heading>
      <DescriptionList className="schakel-details">
        <DescriptionList.Term>{t('linkRequests.person')}</DescriptionList.Term>
        <DescriptionList.Description>
          {r.person
            ? `${name}, ${
                r.person.dateOfBirth
                  ? t('signals.born', { date: formatDate(r.person.dateOfBirth) })
                  : t('signals.bornUnknown')
              }`
            : t('intake.common.unknown')}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('linkRequests.searchedFor')}</DescriptionList.Term>
        <DescriptionList.Description>{searched(r, t)}</DescriptionList.Description>
        <DescriptionList.Term>{t('linkRequests.requestedBy')}</DescriptionList.Term>
        <DescriptionList.Description>
          {t('linkRequests.requestedByText', {
            name: r.requestedBy.name,
            organisation: r.requesterOrganisation.name,
            date: formatDateTime(r.requestedAt),
          })}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('linkRequests.forSignal')}</DescriptionList.Term>
        <DescriptionList.Description>
          {t('linkRequests.forSignalText', {
            reference: r.signal.reference,
            municipality: r.requesterMunicipality.name,
          })}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('linkRequests.requestReason')}</DescriptionList.Term>
        <DescriptionList.Description className="schakel-pre-line">{r.reason}</DescriptionList.Description>
      </DescriptionList>
      {r.canDecide && (
        <form className="schakel-form schakel-narrow" noValidate onSubmit={(e) => void decide('accept', e)}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <TextAreaField
            spec={fields[0] as FieldSpec}
            optional
            rows={3}
            hint={t('linkRequests.reasonHint')}
            value={reason}
            onValue={setReason}
            error={errors.fields.reason}
          />
          <FormActions>
            <Button type="submit" disabled={busy} aria-describedby={headingId}>
              {t('linkRequests.accept')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={busy}
              aria-describedby={headingId}
              onClick={() => void decide('refuse')}
            >
              {t('linkRequests.refuse')}
            </Button>
          </FormActions>
        </form>
      )}
    </section>
  );
}
