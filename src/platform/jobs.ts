/** The log a background job writes to (pino's shape): name and message only, never data. */
export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
