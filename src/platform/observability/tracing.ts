/**
 * OpenTelemetry traces for HTTP requests, database queries and jobs — only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. Off, nothing of the SDK is loaded or called: a request's trace id
 * then comes from its `traceparent` header or 16 random bytes, as it does on.
 *
 * The trace id is the one the access log records (request.id, `traceId` in the JSON log): a request
 * with a valid W3C `traceparent` continues that trace, any other starts a new one.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Span, Tracer } from '@opentelemetry/api';

/** `version-traceid-parentid-flags` (W3C Trace Context); all-zero ids are invalid. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The trace id of a valid `traceparent` header, or null. */
export function traceIdFromHeader(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = TRACEPARENT.exec(header.trim());
  if (!m || m[1] === 'ff' || /^0+$/.test(m[2] as string) || /^0+$/.test(m[3] as string)) return null;
  return m[2] as string;
}

export interface TracingSettings {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; /v1/traces is appended. */
  endpoint: string;
  protocol: 'http/protobuf' | 'http/json';
  serviceName: string;
}

type Api = typeof import('@opentelemetry/api');

interface Active {
  api: Api;
  tracer: Tracer;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Set while tracing runs (one per process: the OpenTelemetry API is global). */
let active: Active | null = null;

export function tracingActive(): boolean {
  return active !== null;
}

/**
 * Starts the SDK: W3C propagation, an async-local context, and a batch exporter over OTLP/HTTP.
 * Call before the database is opened and the app built. Returns the function that flushes and stops.
 */
export async function startTracing(settings: TracingSettings): Promise<() => Promise<void>> {
  if (active) throw new Error('tracing already started');
  const api = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = await import('@opentelemetry/core');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const { BatchSpanProcessor, TracerProvider } = await import('@opentelemetry/sdk-trace');
  const url = `${settings.endpoint.replace(/\/+$/, '')}/v1/traces`;
  const exporter =
    settings.protocol === 'http/json'
      ? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({ url })
      : new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter({ url });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1000 })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  api.trace.setGlobalTracerProvider(provider);
  const tracer = provider.getTracer('schakel');
  const state: Active = {
    api,
    tracer,
    flush: () => provider.forceFlush(),
    async shutdown() {
      if (active !== state) return;
      active = null;
      await provider.shutdown();
      api.trace.disable();
      api.propagation.disable();
      api.context.disable();
    },
  };
  active = state;
  return () => state.shutdown();
}

/** Flushes the spans ended so far to the exporter (tests, shutdown). */
export async function flushTraces(): Promise<void> {
  await active?.flush();
}

const REQUEST_SPAN = Symbol('schakel.requestSpan');
type TracedRequest = IncomingMessage & { [REQUEST_SPAN]?: Span };

/**
 * Fastify's genReqId: the trace id (32 hex) of the request — its span's when tracing is on, else the
 * incoming `traceparent`'s, else a new random one.
 */
export function requestTraceId(req: IncomingMessage): string {
  const span = (req as TracedRequest)[REQUEST_SPAN];
  if (span) return span.spanContext().traceId;
  return traceIdFromHeader(req.headers.traceparent) ?? randomBytes(16).toString('hex');
}

/**
 * Fastify's serverFactory while tracing is on: every request runs inside its own server span (the
 * parent taken from `traceparent`), so the handlers' database spans become its children. The span is
 * named after the route template (see {@link nameRequestSpan}) and ends with the response.
 */
export function tracingServerFactory(handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  return createServer((req, res) => {
    const t = active;
    if (!t) return handler(req, res);
    const { api } = t;
    const parent = api.propagation.extract(api.ROOT_CONTEXT, req.headers);
    const method = (req.method ?? 'GET').toUpperCase();
    const span = t.tracer.startSpan(
      method,
      { kind: api.SpanKind.SERVER, attributes: { 'http.request.method': method } },
      parent,
    );
    (req as TracedRequest)[REQUEST_SPAN] = span;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: api.SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    api.context.with(api.trace.setSpan(parent, span), () => handler(req, res));
  });
}

/** Names the request's span after its route template (never the URL: ids and query strings stay out). */
export function nameRequestSpan(req: IncomingMessage, route: string | undefined): void {
  const span = (req as TracedRequest)[REQUEST_SPAN];
  if (!span) return;
  const template = route ?? 'unmatched';
  span.updateName(`${req.method ?? 'GET'} ${template}`);
  span.setAttribute('http.route', template);
}

/**
 * Runs `fn` in a span of its own (a new trace): a job run. Without tracing, just runs `fn`.
 */
export async function inSpan<T>(name: string, attributes: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const t = active;
  if (!t) return fn();
  const { api } = t;
  return t.tracer.startActiveSpan(name, { root: true, attributes }, api.ROOT_CONTEXT, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.setStatus({ code: api.SpanStatusCode.ERROR });
      span.setAttribute('error.type', (error as Error).name ?? 'Error');
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A child span of the active context (a database query); null when tracing is off. */
export function startChildSpan(name: string, attributes: Record<string, string>): Span | null {
  const t = active;
  if (!t) return null;
  return t.tracer.startSpan(name, { kind: t.api.SpanKind.CLIENT, attributes });
}

export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined && active) {
    span.setStatus({ code: active.api.SpanStatusCode.ERROR });
    span.setAttribute('error.type', (error as { code?: string }).code ?? (error as Error).name ?? 'Error');
  }
  span.end();
}

/** The trace id of the active span, for log lines outside a request (jobs); undefined when none. */
export function activeTraceId(): string | undefined {
  const span = active?.api.trace.getActiveSpan();
  return span?.spanContext().traceId;
}
