import type { Config } from '../config.js';
import type { SecretBox } from './crypto.js';
import type { Db } from './db/database.js';

/** What use cases need from the outside world, handed in explicitly (no global singletons). */
export interface Deps {
  db: Db;
  config: Config;
  secrets: SecretBox;
  /** Current time; tests move it to check timeouts. */
  now: () => Date;
}
