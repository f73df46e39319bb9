import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { seedDemo } from './demo/seed.js';
import { startNotificationScheduler } from './modules/monitoring/notifications.js';
import { startRetentionScheduler } from './modules/privacy/destruction.js';
import { startBackupControl } from './platform/backup/control.js';
import { setDestructionLedger } from './platform/backup/ledger.js';
import { SecretBox } from './platform/crypto.js';
import { databaseOptionsFrom, openDatabase } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { shutDown } from './platform/http/shutdown.js';
import { checkSecretKey, resolveSecretKey } from './platform/secret-key.js';

async function main() {
  const config = loadConfig();
  const key = resolveSecretKey(config);
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

  const stopNotifications = startNotificationScheduler(deps, app.log);
  // The retention job: once a day for the whole cluster (claimJobRun decides which instance runs it).
  const stopRetention =
    config.retention.intervalMinutes > 0 ? startRetentionScheduler(deps, app.log, config.retention) : async () => {};

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
          // The jobs stop at a safe point (a running retention run or notification pass finishes).
          await stopNotifications();
          await stopRetention();
          await stopBackupControl();
          await db.close();
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
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Schakel could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
