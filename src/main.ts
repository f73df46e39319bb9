import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { seedDemo } from './demo/seed.js';
import { startJobs } from './jobs.js';
import { startBackupControl } from './platform/backup/control.js';
import { setDestructionLedger } from './platform/backup/ledger.js';
import { SecretBox } from './platform/crypto.js';
import { databaseOptionsFrom, openDatabase } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { shutDown } from './platform/http/shutdown.js';
import { startMetricsServer } from './platform/observability/http.js';
import { startTracing } from './platform/observability/tracing.js';
import { checkSecretKey, resolveSecretKey } from './platform/secret-key.js';

async function main() {
  const config = loadConfig();
  const key = resolveSecretKey(config);
  // Traces only with OTEL_EXPORTER_OTLP_ENDPOINT; started before the database so its queries are traced.
  const { tracing } = config.observability;
  const stopTracing = tracing ? await startTracing(tracing) : async () => {};
  setDestructionLedger(config.destructionLedger);
  const db = await openDatabase(databaseOptionsFrom(config));
  const deps = { db, config, secrets: new SecretBox(key), now: () => new Date() };
  let migrations: Awaited<ReturnType<typeof migrate>>;
  try {
    migrations = await migrate(db);
    // A wrong, missing or changed key stops here, not at the first sign-in.
    await checkSecretKey(db, key, deps.secrets);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  const app = await buildApp(deps);
  app.log.info({ applied: migrations.applied.length, database: db.kind }, 'migrations done');
  if (config.demo) {
    app.log.info({ demo: await seedDemo(deps) }, 'demo region');
  }

  // Notifications, retention, exports: on the job queue (src/jobs.ts), once for the whole cluster.
  const jobs = await startJobs(deps, app.log);

  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> = null;

  // `npm run backup` while this server runs on an embedded data directory (src/platform/backup/control.ts).
  const stopBackupControl = await startBackupControl(db, config, app.log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    let code = 1;
    try {
      code = await shutDown(app, {
        graceMs: config.shutdownGraceMs,
        log: app.log,
        afterHttp: async () => {
          // The jobs stop at a safe point: no new job is fetched, a running one finishes.
          await jobs.stop(Math.max(1, config.shutdownGraceMs / 1000));
          await metricsServer?.close();
          await stopBackupControl();
          await db.close();
          await stopTracing();
        },
      });
      app.log.info({ exitCode: code }, 'shutdown complete');
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
    }
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  // /metrics on METRICS_PORT (or, with METRICS_TOKEN only, on the main port: see observeHttp).
  metricsServer = await startMetricsServer(config.observability);
  if (metricsServer) app.log.info({ port: metricsServer.port }, 'metrics served');
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Schakel could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
