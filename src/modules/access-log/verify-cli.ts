/**
 * `npm run audit:verify` — checks the hash chain of every region's access log and names the first
 * broken entry. Exit code 0 when intact, 1 when broken, 2 on a configuration or connection error.
 */
import { loadConfig } from '../../config.js';
import { databaseOptionsFrom, openDatabase } from '../../platform/db/database.js';
import { migrate } from '../../platform/db/migrate.js';
import { describeBreak, verifyAccessLog } from './verify.js';

async function main(): Promise<number> {
  const config = loadConfig();
  // The same database `npm start` uses: <SCHAKEL_DATA_DIR>/pg when embedded.
  const db = await openDatabase(databaseOptionsFrom(config));
  try {
    await migrate(db);
    const results = await verifyAccessLog(db);
    let broken = 0;
    for (const r of results) {
      if (r.firstBreak) {
        broken += 1;
        console.log(`BROKEN  region ${r.regionCode}: ${describeBreak(r.firstBreak)} (after ${r.entries} good entries)`);
      } else {
        console.log(`OK      region ${r.regionCode}: ${r.entries} entries, chain intact`);
      }
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
