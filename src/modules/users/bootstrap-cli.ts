/**
 * `npm run accounts:bootstrap -- --region <code> --region-name <name> --organisation <name>
 *   [--organisation-type municipality] --email <address> --name <full name>`
 * Creates a region's first admin (see bootstrap.ts) on the configured database and prints the
 * temporary password once. Exit code 0 on success, 1 when refused, 2 on a usage or connection error.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { DomainError } from '../../core/errors.js';
import { databaseOptionsFrom, openDatabase } from '../../platform/db/database.js';
import { migrate } from '../../platform/db/migrate.js';
import { bootstrapAdmin } from './bootstrap.js';

const USAGE =
  'usage: npm run accounts:bootstrap -- --region <code> --region-name <name> --organisation <name> [--organisation-type municipality] --email <address> --name <full name>';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      region: { type: 'string' },
      'region-name': { type: 'string' },
      organisation: { type: 'string' },
      'organisation-type': { type: 'string', default: 'municipality' },
      email: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const { region, organisation, email, name } = values;
  if (!region || !organisation || !email || !name) {
    console.error(USAGE);
    return 2;
  }
  const db = await openDatabase(databaseOptionsFrom(loadConfig()));
  try {
    await migrate(db);
    const result = await bootstrapAdmin(db, {
      regionCode: region,
      regionName: values['region-name'] ?? region,
      organisationName: organisation,
      organisationType: values['organisation-type'] ?? 'municipality',
      email,
      name,
    });
    console.log(`Admin ${result.email} created in region ${region}${result.regionCreated ? ' (new region)' : ''}.`);
    console.log(`Temporary password (shown once; must be changed at the first sign-in): ${result.temporaryPassword}`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`Refused: ${error.message}`);
      return 1;
    }
    throw error;
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
