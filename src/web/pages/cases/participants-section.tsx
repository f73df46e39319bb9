import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addCaseMember,
  addCaseOrganisation,
  listMemberCandidates,
  type MemberCandidate,
  removeCaseMember,
  removeCaseOrganisation,
} from '../../api/cases.js';
import { listOrganisations } from '../../api/endpoints.js';
import type { Organisation } from '../../api/types.js';
import { Badge, Button, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, LoadError, Td, Th, Tr } from '../../components/page.js';
import { formatDate, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import type { CaseSectionProps } from './case-page.js';
import { caseProblemToErrors, RemoveWithReason, Section } from './shared.js';

export function ParticipantsSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const manage = detail.permissions.manage;
  return (
    <Section id="case-participants" title={t('cases.participants.heading')} intro={t('cases.participants.intro')}>
      <DataTable
        caption={t('cases.participants.organisationsCaption')}
        head={
          <>
            <Th>{t('cases.participants.organisation')}</Th>
            <Th>{t('cases.participants.members')}</Th>
            <Th>{t('cases.participants.addedAt')}</Th>
            {manage && <Th>{t('common.actions')}</Th>}
          </>
        }
      >
        {detail.organisations.map((o) => (
          <Tr key={o.organisationId}>
            <Td>
              <strong>{o.name}</strong>
              <span className="cw-cell-note">{t(`organisationTypes.${o.type}`, { defaultValue: o.type })}</span>
              {o.isDirecting && <Badge label={t('cases.participants.directing')} color="azure" />}
              {o.isPoliceOrProsecution && <Badge label={t('caseLabels.policeOrProsecution')} color="purple" />}
            </Td>
            <Td>
              {o.members.length === 0 ? (
                <span className="schakel-muted">{t('cases.participants.noMembers')}</span>
              ) : (
                <ul className="cw-members">
                  {o.members.map((m) => (
                    <li key={m.userId} className="cw-member">
                      <span>
                        {t('cases.participants.memberText', {
                          name: m.name,
                          role: t(`roles.${m.role}`, { defaultValue: m.role }),
                        })}
                      </span>
                      {manage && (
                        <RemoveWithReason
                          id={`member-${m.userId}`}
                          buttonLabel={t('cases.participants.removeMember')}
                          itemName={m.name}
                          accessibleLabel={t('cases.participants.removeMemberItem', { name: m.name })}
                          onRemove={async (reason) => {
                            await removeCaseMember(detail.id, m.userId, reason);
                            await reload();
                            notify(t('cases.participants.memberRemoved', { name: m.name }));
                          }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td>{formatDate(o.addedAt)}</Td>
            {manage && (
              <Td>
                {!o.isDirecting && (
                  <RemoveWithReason
                    id={`organisation-${o.organisationId}`}
                    buttonLabel={t('cases.participants.removeOrganisation')}
                    itemName={o.name}
                    accessibleLabel={t('cases.participants.removeOrganisationItem', { name: o.name })}
                    onRemove={async (reason) => {
                      await removeCaseOrganisation(detail.id, o.organisationId, reason);
                      await reload();
                      notify(t('cases.participants.organisationRemoved', { name: o.name }));
                    }}
                  />
                )}
              </Td>
            )}
          </Tr>
        ))}
      </DataTable>
      {manage ? (
        <>
          <AddOrganisation detail={detail} reload={reload} notify={notify} />
          <AddMember detail={detail} reload={reload} notify={notify} />
        </>
      ) : (
        <Paragraph>{t('cases.participants.readOnly')}</Paragraph>
      )}
    </Section>
  );
}

function AddOrganisation({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const organisations = useLoad(() => listOrganisations().then((r) => sortBy(r.items, (o) => o.name)), []);
  const [organisationId, setOrganisationId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = {
    name: 'organisationId',
    id: fieldId('case-organisation', 'organisationId'),
    label: t('cases.participants.organisationToAdd'),
  };
  const taking = new Set(detail.organisations.map((o) => o.organisationId));
  const available: Organisation[] = (organisations.data ?? []).filter((o) => !taking.has(o.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec, organisationId, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const added = await addCaseOrganisation(detail.id, organisationId);
      clear();
      setOrganisationId('');
      await reload();
      notify(t('cases.participants.organisationAdded', { name: added.name }));
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="participants-add-organisation" level={3} title={t('cases.participants.addOrganisation')}>
      {organisations.data && available.length === 0 ? (
        <Paragraph>{t('cases.participants.noMoreOrganisations')}</Paragraph>
      ) : (
        <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
          <SelectField
            spec={spec}
            required
            value={organisationId}
            onValue={setOrganisationId}
            placeholder={t('common.choose')}
            options={available.map((o) => ({ value: o.id, label: o.name }))}
            error={errors.fields.organisationId}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('cases.participants.addOrganisationSubmit')}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

/**
 * A member is a user of a participating organisation. The API lists the candidates (GET
 * /cases/{id}/member-candidates): active staff of the organisations that take part, not yet members.
 * The organisation is chosen first, then the person.
 */
function AddMember({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useState('');
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const memberKey = detail.organisations.map((o) => `${o.organisationId}:${o.members.length}`).join(',');
  const candidates = useLoad(
    async (): Promise<MemberCandidate[]> => sortBy(await listMemberCandidates(detail.id, 'member'), (u) => u.name),
    [detail.id, memberKey],
  );

  const orgSpec: FieldSpec = {
    name: 'organisationId',
    id: fieldId('case-member', 'organisationId'),
    label: t('cases.participants.memberOrganisation'),
  };
  const userSpec: FieldSpec = {
    name: 'userId',
    id: fieldId('case-member', 'userId'),
    label: t('cases.participants.memberUser'),
  };
  const fields = [orgSpec, userSpec];
  const all = candidates.data ?? [];
  const withCandidates = new Set(all.map((u) => u.organisation.id));
  const organisations = detail.organisations.filter((o) => withCandidates.has(o.organisationId));
  const staff = all.filter((u) => u.organisation.id === organisationId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, orgSpec, organisationId, t, 'errors.requiredChoice');
    requireText(found, userSpec, userId, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const member = await addCaseMember(detail.id, userId);
      clear();
      setUserId('');
      await reload();
      notify(t('cases.participants.memberAdded', { name: member.name }));
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="participants-add-member" level={3} title={t('cases.participants.addMember')}>
      {candidates.error !== null && <LoadError error={candidates.error} onRetry={() => void candidates.reload()} />}
      {candidates.data && all.length === 0 ? (
        <Paragraph>{t('cases.participants.noCandidates')}</Paragraph>
      ) : (
        <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <SelectField
            spec={orgSpec}
            required
            value={organisationId}
            onValue={(v) => {
              setOrganisationId(v);
              setUserId('');
            }}
            placeholder={t('common.choose')}
            options={organisations.map((o) => ({ value: o.organisationId, label: o.name }))}
            error={errors.fields.organisationId}
          />
          <SelectField
            spec={userSpec}
            required
            hint={organisationId ? undefined : t('cases.participants.memberUserHint')}
            value={userId}
            onValue={setUserId}
            placeholder={t('common.choose')}
            options={staff.map((u) => ({
              value: u.userId,
              label: `${u.name} (${t(`roles.${u.role}`, { defaultValue: u.role })})`,
            }))}
            error={errors.fields.userId}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('cases.participants.addMemberSubmit')}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}
