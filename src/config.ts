import { isIP } from 'node:net';
import { z } from 'zod';
import { type ObservabilitySettings, observabilityFromEnv } from './platform/observability/settings.js';

/**
 * All configuration comes from environment variables, checked once at start-up into a typed object.
 * Every variable is documented in README.md ("Configuration").
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SCHAKEL_DATA_DIR: z.string().default('./data'),
  SCHAKEL_DEMO: z.enum(['0', '1']).default('0'),
  SCHAKEL_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(30),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  // Outgoing mail (the newsletter). Without SMTP_HOST sending is switched off (export still works).
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).optional(),
  // The retention job (src/modules/privacy/destruction.ts): how often each instance checks whether the
  // day's run is due (0 = never on this instance), and from which hour (Europe/Amsterdam) it is due.
  RETENTION_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  RETENTION_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  // The destruction ledger outside the database (src/platform/backup/ledger.ts); default in the data dir.
  SCHAKEL_DESTRUCTION_LEDGER: z.string().min(1).optional(),
  // Graceful shutdown (src/platform/http/shutdown.ts): how long in-flight requests may take after SIGTERM.
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(25),
  // Limits (docs/operations.md "Limits"): the answer time of a route (some routes allow more), the time a
  // database statement may take on a PostgreSQL server, and the size of a JSON request body.
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(25),
  BODY_LIMIT_KB: z.coerce.number().int().min(16).max(10_240).default(256),
  // Single sign-on with one organisation's OpenID provider (issue 15); more per region in the admin UI.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  OIDC_ORGANISATION: z.string().min(1).max(200).optional(),
  OIDC_SCOPES: z.string().min(6).max(500).default('openid email profile'),
  OIDC_EMAIL_ALWAYS_VERIFIED: z.enum(['true', 'false']).default('false'),
});

export interface Config {
  port: number;
  host: string;
  database:
    | { kind: 'embedded'; dataDir: string }
    | { kind: 'server'; url: string; migrationUrl?: string; poolSize: number; statementTimeoutMs: number };
  demo: boolean;
  /** 32-byte key for encrypting secrets at rest (TOTP secrets, later attachments). */
  secretKey: Buffer | null;
  sessionIdleMs: number;
  sessionMaxMs: number;
  loginMaxFailures: number;
  loginRatePerMinute: number;
  cookieSecure: 'auto' | boolean;
  /**
   * Which X-Forwarded-For entries to believe: none (false), the last `n` hops (the load balancers in
   * front), or the addresses and CIDR ranges of the proxies. Never "every client".
   */
  trustProxy: false | number | string[];
  logLevel: string;
  publicUrl: string | null;
  /** Outgoing mail server; null when SMTP_HOST is unset (sending the newsletter is then refused). */
  smtp: SmtpConfig | null;
  /** The retention job's scheduler: check every `intervalMinutes` (0 = off), run from `hour` o'clock. */
  retention: { intervalMinutes: number; hour: number };
  /** After SIGTERM/SIGINT: how long requests in flight may take before their connections are cut. */
  shutdownGraceMs: number;
  /** Per-route answer time (a route's `config.timeoutSeconds` may allow more); JSON body limit. */
  limits: { requestTimeoutMs: number; bodyLimitBytes: number };
  /** The destruction ledger file (SCHAKEL_DESTRUCTION_LEDGER; embedded on disk: in the data dir); null = none. */
  destructionLedger: string | null;
  /** The OpenID provider of OIDC_ISSUER, for the users of one organisation (id or exact name); null when unset. */
  oidc: OidcEnvConfig | null;
  /** Metrics (METRICS_*) and traces (OTEL_*): src/platform/observability/settings.ts. */
  observability: ObservabilitySettings;
}

export interface OidcEnvConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  organisation: string;
  scopes: string;
  /** The provider sends no email_verified claim but issues only verified addresses (Entra ID). */
  emailAlwaysVerified: boolean;
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The From header, e.g. "Gemeente Delft <nieuwsbrief@delft.nl>". */
  from: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.DATABASE_URL && e.SCHAKEL_DEMO === '1') {
    problems.push('SCHAKEL_DEMO=1 is only allowed on the embedded database (unset DATABASE_URL)');
  }
  if (e.DATABASE_URL && !e.SCHAKEL_SECRET_KEY) {
    problems.push('SCHAKEL_SECRET_KEY is required with DATABASE_URL (generate: openssl rand -hex 32)');
  }
  if (e.SMTP_HOST && !e.SMTP_FROM) problems.push('SMTP_FROM is required with SMTP_HOST (the sender address)');
  if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASSWORD)) {
    problems.push('SMTP_USER and SMTP_PASSWORD go together');
  }
  if (!e.SMTP_HOST && (e.SMTP_PORT || e.SMTP_USER || e.SMTP_FROM)) {
    problems.push('SMTP_HOST is required when other SMTP_ variables are set');
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (typeof trustProxy === 'string') problems.push(`TRUST_PROXY: ${trustProxy}`);
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_ORGANISATION].filter((v) => v !== undefined).length;
  if (oidcSet > 0 && oidcSet < 3) {
    problems.push('OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_ORGANISATION go together');
  }
  if (e.OIDC_ISSUER && !issuerAllowed(e.OIDC_ISSUER)) {
    problems.push('OIDC_ISSUER must be an https address (http only on a loopback address)');
  }
  if (oidcSet === 3 && !e.PUBLIC_URL) {
    problems.push(
      'PUBLIC_URL is required with OIDC_ISSUER (the redirect URI is {PUBLIC_URL}/api/v1/auth/oidc/callback)',
    );
  }
  const observability = observabilityFromEnv(env, e.HOST);
  problems.push(...observability.problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: 'server',
          url: e.DATABASE_URL,
          ...(e.DATABASE_MIGRATION_URL ? { migrationUrl: e.DATABASE_MIGRATION_URL } : {}),
          poolSize: e.DATABASE_POOL_SIZE,
          statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
        }
      : { kind: 'embedded', dataDir: e.SCHAKEL_DATA_DIR },
    demo: e.SCHAKEL_DEMO === '1',
    secretKey: e.SCHAKEL_SECRET_KEY ? Buffer.from(e.SCHAKEL_SECRET_KEY, 'hex') : null,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: trustProxy as Config['trustProxy'],
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL ?? null,
    smtp:
      e.SMTP_HOST && e.SMTP_FROM
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT ?? (e.SMTP_SECURE === 'true' ? 465 : 587),
            secure: e.SMTP_SECURE === 'true',
            user: e.SMTP_USER ?? null,
            password: e.SMTP_PASSWORD ?? null,
            from: e.SMTP_FROM,
          }
        : null,
    retention: { intervalMinutes: e.RETENTION_INTERVAL_MINUTES, hour: e.RETENTION_HOUR },
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    limits: { requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000, bodyLimitBytes: e.BODY_LIMIT_KB * 1024 },
    destructionLedger:
      e.SCHAKEL_DESTRUCTION_LEDGER ??
      (e.DATABASE_URL || e.SCHAKEL_DATA_DIR.startsWith('memory://')
        ? null
        : `${e.SCHAKEL_DATA_DIR.replace(/\/+$/, '')}/destruction-ledger.jsonl`),
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_ORGANISATION
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET ?? null,
            organisation: e.OIDC_ORGANISATION,
            scopes: e.OIDC_SCOPES,
            emailAlwaysVerified: e.OIDC_EMAIL_ALWAYS_VERIFIED === 'true',
          }
        : null,
    observability: observability.settings,
  };
}

/** An OpenID issuer must be https; plain http only on a loopback address (tests, local development). */
export function issuerAllowed(issuer: string): boolean {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An IPv4 or IPv6 address, optionally with a prefix length (CIDR). */
function isAddressOrRange(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false`, a hop count (1–10: how many proxies stand in front), or a comma-separated list
 * of proxy addresses or CIDR ranges. `true` would believe any X-Forwarded-For a client sends and let it
 * pick its own address (and so escape the sign-in rate limit): refused. Returns the problem as text.
 */
export function parseTrustProxy(value: string): false | number | string[] | string {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') {
    return 'true would trust an X-Forwarded-For sent by any client; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.0/8)';
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? hops : 'a hop count lies between 1 and 10';
  }
  const entries = v
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  const wrong = entries.filter((x) => !isAddressOrRange(x));
  if (entries.length === 0 || wrong.length > 0) {
    return `not a hop count or a list of IP addresses / CIDR ranges: ${wrong.join(', ') || v}`;
  }
  return entries;
}
