import { createGuardrails, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

// The demo accounts' published secret (CONVENTIONS.md) is 10 bytes, the RFC 4226 minimum; new
// secrets are 20 bytes.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** RFC 6238: SHA-1, 6 digits, 30 s; one step of clock drift either way. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: 'Schakel', label: accountLabel, secret });
}

export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * Returns the matched time step, or null. With `afterStep` a code of that step or earlier is refused,
 * so an observed code cannot be replayed.
 */
export async function checkTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    guardrails,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? (result.timeStep as number) : null;
}
