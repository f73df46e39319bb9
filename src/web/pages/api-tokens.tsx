import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createApiToken, listApiTokens, listTokenResources, revokeApiToken } from '../api/endpoints.js';
import type { ApiToken, TokenAccess } from '../api/types.js';
import { Alert, Badge, Button, Checkbox, ErrorMessage, FieldSet, Heading, Paragraph } from '../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  generalMessage,
  problemToErrors,
  RadioGroupField,
  requireText,
  TextField,
  useFormErrors,
} from '../components/form.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../components/page.js';
import { Loading } from '../components/shell.js';
import { formatDate, formatDateTime } from '../lib/format.js';
import { useLoad } from '../lib/use-load.js';

type TokenStatus = 'active' | 'revoked' | 'expired';

function statusOf(token: ApiToken, now: number): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

function NewToken({ token }: { token: string }) {
  const { t } = useTranslation();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const codeRef = useRef<HTMLElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopyState('copied');
    } catch {
      // No clipboard (no secure context or no permission): select the text for a manual copy.
      const selection = window.getSelection();
      if (codeRef.current && selection) {
        selection.selectAllChildren(codeRef.current);
      }
      setCopyState('failed');
    }
  }
  return (
    <div className="schakel-notice">
      <Alert severity="success" heading={t('apiTokens.createdHeading')} headingLevel={2}>
        <Paragraph>{t('apiTokens.createdText')}</Paragraph>
        <p className="schakel-token">
          <span className="schakel-visually-hidden">{t('apiTokens.tokenLabel')}: </span>
          <code ref={codeRef} className="schakel-token__value" data-token>
            {token}
          </code>
        </p>
        <p className="schakel-form-actions">
          <Button variant="secondary" onClick={() => void copy()}>
            {t('apiTokens.copy')}
          </Button>
          <span role="status" className="schakel-copy-status">
            {copyState === 'copied' ? t('apiTokens.copied') : copyState === 'failed' ? t('apiTokens.copyFailed') : ''}
          </span>
        </p>
      </Alert>
    </div>
  );
}

export function ApiTokensPage() {
  const { t } = useTranslation();
  const tokens = useLoad(() => listApiTokens().then((r) => r.items), []);
  const resources = useLoad(() => listTokenResources().then((r) => r.items), []);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [access, setAccess] = useState<TokenAccess>('read');
  const [limited, setLimited] = useState<'all' | 'some'>('all');
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'name', id: fieldId('token', 'name'), label: t('apiTokens.name') },
    { name: 'expiresInDays', id: fieldId('token', 'expiresInDays'), label: t('apiTokens.expiresInDays') },
    { name: 'access', id: fieldId('token', 'access'), label: t('accounts.tokens.access') },
    { name: 'limited', id: fieldId('token', 'limited'), label: t('accounts.tokens.resources') },
    { name: 'resources', id: fieldId('token', 'resources'), label: t('accounts.tokens.resourcesPick') },
  ];
  const [nameSpec, daysSpec, accessSpec, limitedSpec, resourcesSpec] = fields as [
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
  ];
  const now = Date.now();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, nameSpec, name, t);
    const n = Number(days);
    if (!/^\d+$/.test(days.trim()) || n < 1 || n > 365) found.expiresInDays = t('apiTokens.expiresFormat');
    if (limited === 'some' && picked.length === 0) found.resources = t('accounts.tokens.resourcesRequired');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    setNotice(null);
    try {
      const token = await createApiToken({
        name: name.trim(),
        expiresInDays: n,
        access,
        resources: limited === 'some' ? picked : null,
      });
      clear();
      setCreated(token.token);
      setName('');
      await tokens.reload();
    } catch (error) {
      fail(problemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: ApiToken) {
    setBusy(true);
    try {
      await revokeApiToken(token.id);
      setConfirming(null);
      setCreated(null);
      setActionError(null);
      await tokens.reload();
      setNotice(t('apiTokens.revokedNotice', { name: token.name }));
    } catch (error) {
      setActionError(generalMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('apiTokens.title')} intro={t('apiTokens.intro')} />
      {created && <NewToken token={created} />}
      {notice && <Notice severity="success" heading={notice} live />}
      {actionError && <Notice severity="error" heading={actionError} live />}
      <section className="schakel-section" aria-labelledby="tokens-list">
        <Heading level={2} id="tokens-list">
          {t('apiTokens.listHeading')}
        </Heading>
        {tokens.error !== null && <LoadError error={tokens.error} onRetry={() => void tokens.reload()} />}
        {tokens.loading && !tokens.data && <Loading />}
        {tokens.data && tokens.data.length === 0 && <Paragraph>{t('apiTokens.empty')}</Paragraph>}
        {tokens.data && tokens.data.length > 0 && (
          <DataTable
            caption={t('apiTokens.listHeading')}
            captionHidden
            head={
              <>
                <Th>{t('apiTokens.name')}</Th>
                <Th>{t('apiTokens.prefix')}</Th>
                <Th>{t('accounts.tokens.scope')}</Th>
                <Th>{t('apiTokens.createdAt')}</Th>
                <Th>{t('apiTokens.expiresAt')}</Th>
                <Th>{t('apiTokens.lastUsedAt')}</Th>
                <Th>{t('apiTokens.status')}</Th>
                <Th>{t('common.actions')}</Th>
              </>
            }
          >
            {tokens.data.map((token) => {
              const status = statusOf(token, now);
              return (
                <Tr key={token.id}>
                  <Td>{token.name}</Td>
                  <Td>
                    <code>{token.prefix}…</code>
                  </Td>
                  <Td>
                    {token.access === 'read' ? t('accounts.tokens.readOnly') : t('accounts.tokens.readWrite')}
                    {', '}
                    {token.resources === null ? t('accounts.tokens.scopeAll') : token.resources.join(', ')}
                  </Td>
                  <Td>{formatDate(token.createdAt)}</Td>
                  <Td>{formatDate(token.expiresAt)}</Td>
                  <Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('apiTokens.never')}</Td>
                  <Td>
                    {status === 'active' ? (
                      t('apiTokens.active')
                    ) : (
                      <Badge label={t(`apiTokens.${status}`)} color={status === 'revoked' ? 'red' : 'orange'} />
                    )}
                  </Td>
                  <Td>
                    {status === 'active' &&
                      (confirming === token.id ? (
                        <div className="schakel-confirm">
                          <Paragraph size="small" id={`revoke-${token.id}`}>
                            {t('apiTokens.revokeConfirm', { name: token.name })}
                          </Paragraph>
                          <span className="schakel-form-actions">
                            <Button onClick={() => void revoke(token)} disabled={busy}>
                              {t('apiTokens.revokeConfirmYes')}
                            </Button>
                            <Button variant="tertiary" onClick={() => setConfirming(null)}>
                              {t('common.cancel')}
                            </Button>
                          </span>
                        </div>
                      ) : (
                        <Button
                          variant="secondary"
                          aria-label={t('apiTokens.revokeLabel', { name: token.name })}
                          onClick={() => setConfirming(token.id)}
                        >
                          {t('apiTokens.revoke')}
                        </Button>
                      ))}
                  </Td>
                </Tr>
              );
            })}
          </DataTable>
        )}
      </section>
      <section className="schakel-section schakel-narrow" aria-labelledby="tokens-new">
        <Heading level={2} id="tokens-new">
          {t('apiTokens.createHeading')}
        </Heading>
        <form className="schakel-form" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <TextField
            spec={nameSpec}
            required
            hint={t('apiTokens.nameHint')}
            value={name}
            onValue={setName}
            error={errors.fields.name}
            autoComplete="off"
          />
          <TextField
            spec={daysSpec}
            required
            hint={t('apiTokens.expiresInDaysHint')}
            inputMode="numeric"
            size={6}
            value={days}
            onValue={setDays}
            error={errors.fields.expiresInDays}
          />
          <RadioGroupField
            spec={accessSpec}
            value={access}
            onValue={(v) => setAccess(v as TokenAccess)}
            options={[
              { value: 'read', label: t('accounts.tokens.accessRead'), hint: t('accounts.tokens.accessReadHint') },
              {
                value: 'read_write',
                label: t('accounts.tokens.accessReadWrite'),
                hint: t('accounts.tokens.accessReadWriteHint'),
              },
            ]}
            error={errors.fields.access}
          />
          <RadioGroupField
            spec={limitedSpec}
            value={limited}
            onValue={(v) => setLimited(v as 'all' | 'some')}
            options={[
              { value: 'all', label: t('accounts.tokens.resourcesAll') },
              { value: 'some', label: t('accounts.tokens.resourcesSome') },
            ]}
          />
          {limited === 'some' && (
            <CheckboxGroup
              spec={resourcesSpec}
              options={resources.data ?? []}
              picked={picked}
              onPicked={setPicked}
              error={errors.fields.resources}
            />
          )}
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('apiTokens.create')}
            </Button>
          </FormActions>
        </form>
      </section>
    </>
  );
}

/** A set of checkboxes in a fieldset: the API resources a token may reach (named as the API names them). */
function CheckboxGroup({
  spec,
  options,
  picked,
  onPicked,
  error,
}: {
  spec: FieldSpec;
  options: string[];
  picked: string[];
  onPicked: (next: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <FieldSet legend={spec.label} invalid={Boolean(error)} aria-describedby={error ? `${spec.id}-error` : undefined}>
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <div className="schakel-checkbox-columns">
        {options.map((r, index) => (
          <Checkbox
            key={r}
            id={index === 0 ? spec.id : `${spec.id}-${r}`}
            name={spec.name}
            value={r}
            checked={picked.includes(r)}
            invalid={Boolean(error)}
            onChange={(e) => onPicked(e.target.checked ? [...picked, r] : picked.filter((p) => p !== r))}
          >
            <code>/{r}</code>
          </Checkbox>
        ))}
      </div>
    </FieldSet>
  );
}
