/** Typed calls per API resource. */
import { api } from './client.js';
import type {
  AccessAction,
  AccessLogEntry,
  ApiToken,
  GrantDecision,
  GrantStatus,
  Instance,
  List,
  Locale,
  Me,
  Municipality,
  Organisation,
  OrganisationType,
  Region,
  Role,
  RoleGrant,
  TokenAccess,
  TotpEnrolment,
  User,
} from './types.js';

export const getInstance = () => api.get<Instance>('/instance');
export const getMe = () => api.get<Me>('/me', { quietUnauthenticated: true });
export const login = (body: { email: string; password: string; totp?: string }) =>
  api.post<Me>('/auth/login', body, { quietUnauthenticated: true });
/** Ends the session; after single sign-on the answer says where to end it at the identity provider. */
export const logout = () =>
  api.post<{ endSessionUrl: string } | undefined>('/auth/logout', {}, { quietUnauthenticated: true });
export const startTotpEnrolment = () => api.post<TotpEnrolment>('/auth/totp-enrolment', {});
export const confirmTotpEnrolment = (code: string) => api.post<Me>('/auth/totp-enrolment/confirmation', { code });

export const listRegions = () => api.get<List<Region>>('/regions');
export const createRegion = (body: { code: string; name: string }) => api.post<Region>('/regions', body);
export const updateRegion = (id: string, body: { name: string; version: number }) =>
  api.patch<Region>(`/regions/${encodeURIComponent(id)}`, body);

export const listOrganisations = () => api.get<List<Organisation>>('/organisations');
export const createOrganisation = (body: { name: string; type: OrganisationType }) =>
  api.post<Organisation>('/organisations', body);
export const updateOrganisation = (id: string, body: { name: string; type: OrganisationType; version: number }) =>
  api.patch<Organisation>(`/organisations/${encodeURIComponent(id)}`, body);

export interface MunicipalityInput {
  name: string;
  cbsCode: string | null;
  district: string | null;
  isCoordinating: boolean;
  organisationId: string | null;
}
export const listMunicipalities = () => api.get<List<Municipality>>('/municipalities');
export const createMunicipality = (body: MunicipalityInput) => api.post<Municipality>('/municipalities', body);
export const updateMunicipality = (id: string, body: MunicipalityInput & { version: number }) =>
  api.patch<Municipality>(`/municipalities/${encodeURIComponent(id)}`, body);

export const listUsers = (query: { limit?: number; cursor?: string | null; organisationId?: string; role?: Role }) =>
  api.get<List<User>>('/users', { query });
export const getUser = (id: string) => api.get<User>(`/users/${encodeURIComponent(id)}`);
export const createUser = (body: {
  email: string;
  name: string;
  role: Role;
  reason?: string;
  organisationId: string;
  locale: Locale;
  initialPassword: string;
}) => api.post<User>('/users', body);
export const updateUser = (
  id: string,
  body: { name: string; organisationId: string; locale: Locale; disabled: boolean; version: number },
) => api.put<User>(`/users/${encodeURIComponent(id)}`, body);
export const resetSecondFactor = (id: string) =>
  api.post<User>(`/users/${encodeURIComponent(id)}/second-factor-reset`, {});
export const resetPassword = (id: string, body: { temporaryPassword: string; version: number }) =>
  api.post<User>(`/users/${encodeURIComponent(id)}/password-reset`, body);

export const listRoleGrants = (query: {
  limit?: number;
  cursor?: string | null;
  status?: GrantStatus;
  userId?: string;
}) => api.get<List<RoleGrant>>('/role-grants', { query });
export const requestRoleGrant = (body: { userId?: string; email?: string; role: Role; reason: string }) =>
  api.post<RoleGrant>('/role-grants', body);
export const decideRoleGrant = (id: string, decision: GrantDecision, body: { reason?: string; version: number }) =>
  api.post<RoleGrant>(`/role-grants/${encodeURIComponent(id)}/${decision}`, body);

export const changeOwnPassword = (body: { currentPassword: string; newPassword: string }) =>
  api.put<Me>('/me/password', body);
export const switchRegion = (regionId: string) => api.put<Me>('/me/region', { regionId });

export const listApiTokens = () => api.get<List<ApiToken>>('/me/api-tokens');
export const listTokenResources = () => api.get<List<string>>('/me/api-tokens/resources');
export const createApiToken = (body: {
  name: string;
  expiresInDays: number;
  access: TokenAccess;
  resources: string[] | null;
}) => api.post<ApiToken & { token: string }>('/me/api-tokens', body);
export const revokeApiToken = (id: string) => api.delete(`/me/api-tokens/${encodeURIComponent(id)}`);

export interface AccessLogQuery {
  limit?: number;
  cursor?: string | null;
  subjectId?: string;
  actorUserId?: string;
  action?: AccessAction;
  from?: string;
  to?: string;
}
export const listAccessLog = (query: AccessLogQuery) => api.get<List<AccessLogEntry>>('/access-log', { query });
