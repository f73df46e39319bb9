/**
 * One-shot migration (the `migrate` service of compose.yaml): applies the migrations as the owner role
 * of DATABASE_MIGRATION_URL (or DATABASE_URL) under the same advisory lock as a starting server, then
 * exits — 0 when the schema is current, 1 on an error. Built to dist/server/platform/db/migrate-cli.js;
 * from source: `npx tsx src/platform/db/migrate-cli.ts`.
 */
import { loadConfig } from '../../config.js';
import { databaseOptionsFrom, openDatabase } from './database.js';
import { migrate } from './migrate.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(databaseOptionsFrom(config));
  try {
    const { applied } = await migrate(db);
    console.log(
      `migrations: ${applied.length} applied${applied.length ? ` (${applied.join(', ')})` : ', schema current'}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error('migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
