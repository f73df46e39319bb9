import type { Config } from '../config.js';
import type { SecretBox } from './crypto.js';
import type { Db } from './db/database.js';
import type { JobQueue } from './queue/queue.js';

/** What use cases need from the outside world, handed in explicitly (no global singletons). */
export interface Deps {
  db: Db;
  config: Config;
  secrets: SecretBox;
  /** Current time; tests move it to check timeouts. */
  now: () => Date;
  /** The job queue (src/platform/queue): started by the server; absent in tests that do not need it. */
  jobs?: JobQueue;
}
