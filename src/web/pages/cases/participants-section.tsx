import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addCaseMember, addCaseOrganisation, removeCaseMember, removeCaseOrganisation } from '../../api/cases.js';
import { listOrganisations, listUsers } from '../../api/endpoints.js';
import type { Organisation, User } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, Td, Th, Tr } from '../../components/page.js';
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
 * A member is a user of a participating organisation. The API offers no list of another
 * organisation's staff to a process director (only to roles with users:read), so without that
 * permission the user id is entered as text.
 */
function AddMember({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const session = useSession();
  const canListUsers = session.can('users:read');
  const [organisationId, setOrganisationId] = useState('');
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const staff = useLoad(
    async (): Promise<User[]> =>
      canListUsers && organisationId
        ? sortBy((await listUsers({ organisationId, limit: 200 })).items, (u) => u.name)
        : [],
    [organisationId, canListUsers],
  );

  const orgSpec: FieldSpec = {
    name: 'organisationId',
    id: fieldId('case-member', 'organisationId'),
    label: t('cases.participants.memberOrganisation'),
  };
  const userSpec: FieldSpec = {
    name: 'userId',
    id: fieldId('case-member', 'userId'),
    label: canListUsers ? t('cases.participants.memberUser') : t('cases.participants.memberUserId'),
  };
  const fields = canListUsers ? [orgSpec, userSpec] : [userSpec];
  const already = new Set(detail.organisations.flatMap((o) => o.members.map((m) => m.userId)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (canListUsers) requireText(found, orgSpec, organisationId, t, 'errors.requiredChoice');
    requireText(found, userSpec, userId, t, canListUsers ? 'errors.requiredChoice' : 'errors.required');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const member = await addCaseMember(detail.id, userId.trim());
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
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        {canListUsers ? (
          <>
            <SelectField
              spec={orgSpec}
              required
              value={organisationId}
              onValue={(v) => {
                setOrganisationId(v);
                setUserId('');
              }}
              placeholder={t('common.choose')}
              options={detail.organisations.map((o) => ({ value: o.organisationId, label: o.name }))}
              error={errors.fields.organisationId}
            />
            <SelectField
              spec={userSpec}
              required
              value={userId}
              onValue={setUserId}
              placeholder={t('common.choose')}
              options={(staff.data ?? [])
                .filter((u) => !already.has(u.id) && !u.disabled)
                .map((u) => ({ value: u.id, label: `${u.name} (${t(`roles.${u.role}`)})` }))}
              error={errors.fields.userId}
            />
          </>
        ) : (
          <TextField
            spec={userSpec}
            required
            hint={t('cases.participants.memberUserIdHint')}
            value={userId}
            onValue={setUserId}
            error={errors.fields.userId}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('cases.participants.addMemberSubmit')}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
