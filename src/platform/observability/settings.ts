/**
 * Configuration of metrics and traces from the environment (documented in README.md, "Configuration",
 * and docs/operations.md, "Monitoring"). Read by src/config.ts.
 */
import { z } from 'zod';
import type { TracingSettings } from './tracing.js';

export interface ObservabilitySettings {
  /** METRICS_PORT: /metrics on a port of its own (on METRICS_HOST); null: not on a port of its own. */
  metricsPort: number | null;
  metricsHost: string;
  /** METRICS_TOKEN: the bearer token /metrics asks for; with it and no port, /metrics is on the main port. */
  metricsToken: string | null;
  /** OTLP trace export; null (OTEL_EXPORTER_OTLP_ENDPOINT unset): tracing off. */
  tracing: TracingSettings | null;
}

const Env = z.object({
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{32,256}$/, 'must be 32 to 256 visible ASCII characters (generate: openssl rand -hex 32)')
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/protobuf', 'http/json'], { message: 'must be http/protobuf or http/json (grpc is not supported)' })
    .default('http/protobuf'),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('schakel'),
});

/** The settings, or the problems found (in the form of src/config.ts). */
export function observabilityFromEnv(
  env: Record<string, string | undefined>,
  host: string,
): { settings: ObservabilitySettings; problems: string[] } {
  // An empty variable counts as unset (compose files often pass VAR= through).
  const present = Object.fromEntries(Object.keys(Env.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    return {
      settings: { metricsPort: null, metricsHost: host, metricsToken: null, tracing: null },
      problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  const e = parsed.data;
  return {
    settings: {
      metricsPort: e.METRICS_PORT ?? null,
      metricsHost: e.METRICS_HOST ?? host,
      metricsToken: e.METRICS_TOKEN ?? null,
      tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT
        ? {
            endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
            protocol: e.OTEL_EXPORTER_OTLP_PROTOCOL,
            serviceName: e.OTEL_SERVICE_NAME,
          }
        : null,
    },
    problems: [],
  };
}
