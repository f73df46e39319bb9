/**
 * Roles and requests of the current region: the queue of requests that wait for a second admin
 * (approve, refuse with a reason, or withdraw one's own), and the history of every grant, with who
 * asked, who decided, when and why. Four eyes: the page never offers to approve one's own request or a
 * role for oneself (and the server refuses it anyway).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { decideRoleGrant, listRoleGrants } from '../../api/endpoints.js';
import { GRANT_STATUSES, type GrantStatus, type RoleGrant } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, Heading } from '../../components/ams.js';
import { FilterForm, useFilterParams } from '../../components/filters.js';
import {
  ErrorSummary,
  type FieldSpec,
  FormActions,
  fieldId,
  generalMessage,
  problemToErrors,
  SelectField,
  TextAreaField,
  useFormErrors,
} from '../../components/form.js';
import { PagedListView, usePagedList } from '../../components/list-page.js';
import { DataTable, Flash, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { formatDateTime } from '../../lib/format.js';
import { itemPath, paths } from '../../paths.js';

const PAGE_SIZE = 50;

function StatusBadge({ status }: { status: GrantStatus }) {
  const { t } = useTranslation();
  const label = t(`accounts.grants.statuses.${status}`);
  if (status === 'active') return <>{label}</>;
  const color = status === 'requested' ? 'orange' : status === 'refused' || status === 'revoked' ? 'red' : 'azure';
  return <Badge label={label} color={color} />;
}

function Refusal({ grant, onDone }: { grant: RoleGrant; onDone: (g: RoleGrant) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, focusSignal } = useFormErrors();
  const spec: FieldSpec = {
    name: 'reason',
    id: fieldId(`refuse-${grant.id}`, 'reason'),
    label: t('accounts.grants.refuseReason'),
  };
  const name = grant.user.name;
  const role = t(`roles.${grant.role}`);
  if (!open) {
    return (
      <Button
        variant="secondary"
        aria-label={t('accounts.grants.refuseLabel', { role, name })}
        onClick={() => setOpen(true)}
      >
        {t('accounts.grants.refuse')}
      </Button>
    );
  }
  return (
    <form
      className="schakel-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (!reason.trim()) {
          fail({ fields: { reason: t('errors.required', { label: spec.label.toLowerCase() }) }, general: [] });
          return;
        }
        setBusy(true);
        try {
          onDone(await decideRoleGrant(grant.id, 'refusal', { reason: reason.trim(), version: grant.version }));
        } catch (error) {
          fail(problemToErrors(error, [spec], t));
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
      <TextAreaField spec={spec} required rows={2} value={reason} onValue={setReason} error={errors.fields.reason} />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('accounts.grants.refuseConfirm')}
        </Button>
        <Button variant="tertiary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}

function OpenRequests({ onChange }: { onChange: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.me?.user.id;
  const canManage = session.can('users:manage');
  const list = usePagedList((cursor) => listRoleGrants({ status: 'requested', limit: PAGE_SIZE, cursor }), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(grant: RoleGrant, decision: 'approval' | 'withdrawal') {
    setBusy(true);
    setNotice(null);
    setActionError(null);
    try {
      await decideRoleGrant(grant.id, decision, { version: grant.version });
      const key = decision === 'approval' ? 'accounts.grants.approved' : 'accounts.grants.withdrawnNotice';
      setNotice(t(key, { name: grant.user.name }));
      await list.first.reload();
      onChange();
    } catch (error) {
      setActionError(generalMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="schakel-section" aria-labelledby="grants-open">
      <Heading level={2} id="grants-open">
        {t('accounts.grants.open')}
      </Heading>
      {notice && <Notice severity="success" heading={notice} live />}
      {actionError && <Notice severity="error" heading={actionError} live />}
      <PagedListView list={list} empty={t('accounts.grants.noOpen')}>
        {(items) => (
          <DataTable
            caption={t('accounts.grants.openCaption')}
            head={
              <>
                <Th>{t('accounts.grants.user')}</Th>
                <Th>{t('accounts.grants.role')}</Th>
                <Th>{t('accounts.grants.reason')}</Th>
                <Th>{t('accounts.grants.requestedBy')}</Th>
                <Th>{t('common.actions')}</Th>
              </>
            }
          >
            {items.map((g) => {
              const own = g.requestedBy?.id === me;
              const role = t(`roles.${g.role}`);
              return (
                <Tr key={g.id}>
                  <Td>
                    <Link className="ams-link" to={itemPath(paths.users, g.user.id)}>
                      {g.user.name}
                    </Link>
                    <br />
                    {g.user.organisationName}
                  </Td>
                  <Td>{role}</Td>
                  <Td>{g.reason}</Td>
                  <Td>
                    {own ? t('accounts.grants.own') : (g.requestedBy?.name ?? t('accounts.grants.byMigration'))}
                    <br />
                    {formatDateTime(g.requestedAt)}
                  </Td>
                  <Td>
                    {canManage && own && (
                      <Button
                        variant="secondary"
                        disabled={busy}
                        aria-label={t('accounts.grants.withdrawLabel', { role, name: g.user.name })}
                        onClick={() => void act(g, 'withdrawal')}
                      >
                        {t('accounts.grants.withdraw')}
                      </Button>
                    )}
                    {canManage && !own && g.user.id !== me && (
                      <span className="schakel-form-actions">
                        <Button
                          disabled={busy}
                          aria-label={t('accounts.grants.approveLabel', { role, name: g.user.name })}
                          onClick={() => void act(g, 'approval')}
                        >
                          {t('accounts.grants.approve')}
                        </Button>
                        <Refusal
                          grant={g}
                          onDone={(done) => {
                            setNotice(t('accounts.grants.refusedNotice', { name: done.user.name }));
                            void list.first.reload();
                            onChange();
                          }}
                        />
                      </span>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </DataTable>
        )}
      </PagedListView>
    </section>
  );
}

function History({ version }: { version: number }) {
  const { t } = useTranslation();
  const filters = useFilterParams(['status', 'gebruiker'] as const);
  const status = filters.applied.status as GrantStatus | '';
  const userId = filters.applied.gebruiker;
  const list = usePagedList(
    (cursor) =>
      listRoleGrants({
        limit: PAGE_SIZE,
        cursor,
        ...(status ? { status } : {}),
        ...(userId ? { userId } : {}),
      }),
    [status, userId, version],
  );
  const statusSpec: FieldSpec = {
    name: 'status',
    id: 'grants-filter-status',
    label: t('accounts.grants.filterStatus'),
  };
  return (
    <section className="schakel-section" aria-labelledby="grants-history">
      <Heading level={2} id="grants-history">
        {t('accounts.grants.history')}
      </Heading>
      <FilterForm label={t('accounts.grants.history')} submitLabel={t('users.filter')} onSubmit={filters.apply}>
        <SelectField
          spec={statusSpec}
          value={filters.draft.status}
          onValue={filters.setDraftValue('status')}
          placeholder={t('accounts.grants.allStatuses')}
          options={GRANT_STATUSES.map((s) => ({ value: s, label: t(`accounts.grants.statuses.${s}`) }))}
        />
      </FilterForm>
      <PagedListView list={list} empty={t('common.noResults')}>
        {(items) => (
          <DataTable
            caption={t('accounts.grants.historyCaption')}
            head={
              <>
                <Th>{t('accounts.grants.user')}</Th>
                <Th>{t('accounts.grants.role')}</Th>
                <Th>{t('accounts.grants.status')}</Th>
                <Th>{t('accounts.grants.reason')}</Th>
                <Th>{t('accounts.grants.requestedBy')}</Th>
                <Th>{t('accounts.grants.decidedBy')}</Th>
              </>
            }
          >
            {items.map((g) => (
              <Tr key={g.id}>
                <Td>
                  {g.user.name}
                  <br />
                  {g.user.organisationName}
                </Td>
                <Td>{t(`roles.${g.role}`)}</Td>
                <Td>
                  <StatusBadge status={g.status} />
                </Td>
                <Td>
                  {g.reason}
                  {g.decisionReason && (
                    <>
                      <br />
                      {g.decisionReason}
                    </>
                  )}
                  {g.endReason && (
                    <>
                      <br />
                      {g.endReason}
                    </>
                  )}
                </Td>
                <Td>
                  {g.requestedBy?.name ?? t('accounts.grants.byMigration')}
                  <br />
                  {formatDateTime(g.requestedAt)}
                </Td>
                <Td>
                  {(g.endedBy ?? g.decidedBy)?.name ?? ''}
                  {(g.endedAt ?? g.decidedAt) && (
                    <>
                      <br />
                      {formatDateTime(g.endedAt ?? g.decidedAt)}
                    </>
                  )}
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </PagedListView>
    </section>
  );
}

export function RoleGrantsPage() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  return (
    <>
      <PageHeader title={t('accounts.grants.title')} intro={t('accounts.grants.intro')} />
      <Flash />
      <OpenRequests onChange={() => setVersion((v) => v + 1)} />
      <History version={version} />
    </>
  );
}
