/** Signing in through an organisation's identity provider, passkeys, and their administration (issue 15). */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { api } from './client.js';
import type { List, Me } from './types.js';

export interface ProviderChoice {
  id: string;
  name: string;
}
export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}
export interface SignInPolicy {
  passkeysRequired: boolean;
  version: number;
}
export interface IdentityProvider {
  id: string;
  organisationId: string;
  organisationName: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  scopes: string;
  enabled: boolean;
  emailAlwaysVerified: boolean;
  version: number;
}
export interface IdentityProviderInput {
  organisationId: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  clearClientSecret?: boolean;
  scopes: string;
  enabled: boolean;
  emailAlwaysVerified: boolean;
}
export type PasskeyResetStatus = 'pending' | 'approved' | 'refused';
export interface PasskeyReset {
  id: string;
  userId: string;
  userName: string;
  reason: string;
  requestedByName: string;
  requestedAt: string;
  status: PasskeyResetStatus;
  decidedByName: string | null;
  decidedAt: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: the WebAuthn options are handed to the browser library as they come
type WebAuthnOptions = any;

/** Where the browser goes to sign in at an identity provider (a full-page navigation, not a fetch). */
export const oidcStartUrl = (providerId: string) =>
  `/api/v1/auth/oidc/start?provider=${encodeURIComponent(providerId)}`;

export const listSignInProviders = () =>
  api.get<{ items: ProviderChoice[] }>('/auth/oidc/providers', { quietUnauthenticated: true });
export const passkeySignInOptions = (body: { email: string; password: string }) =>
  api.post<{ options: WebAuthnOptions }>('/auth/login/passkey-options', body, { quietUnauthenticated: true });
export const loginWithPasskey = (body: { email: string; password: string; passkey: AuthenticationResponseJSON }) =>
  api.post<Me>('/auth/login', body, { quietUnauthenticated: true });

export const listPasskeys = () => api.get<{ items: Passkey[] }>('/me/passkeys');
export const passkeyRegistrationOptions = () =>
  api.post<{ options: WebAuthnOptions }>('/me/passkeys/registration-options', {});
export const registerPasskey = (body: { name: string; response: RegistrationResponseJSON }) =>
  api.post<Passkey>('/me/passkeys', body);
export const removePasskey = (id: string) => api.delete<void>(`/me/passkeys/${encodeURIComponent(id)}`);

export const getSignInPolicy = () => api.get<SignInPolicy>('/sign-in-policy');
export const updateSignInPolicy = (body: SignInPolicy) => api.put<SignInPolicy>('/sign-in-policy', body);

export const listIdentityProviders = () => api.get<List<IdentityProvider>>('/identity-providers');
export const createIdentityProvider = (body: IdentityProviderInput) =>
  api.post<IdentityProvider>('/identity-providers', body);
export const updateIdentityProvider = (id: string, body: IdentityProviderInput & { version: number }) =>
  api.put<IdentityProvider>(`/identity-providers/${encodeURIComponent(id)}`, body);
export const deleteIdentityProvider = (id: string) => api.delete<void>(`/identity-providers/${encodeURIComponent(id)}`);

export const listPasskeyResets = () => api.get<List<PasskeyReset>>('/passkey-resets');
export const requestPasskeyReset = (userId: string, reason: string) =>
  api.post<PasskeyReset>(`/users/${encodeURIComponent(userId)}/passkey-resets`, { reason });
export const decidePasskeyReset = (id: string, decision: 'approved' | 'refused') =>
  api.post<PasskeyReset>(`/passkey-resets/${encodeURIComponent(id)}/decision`, { decision });
