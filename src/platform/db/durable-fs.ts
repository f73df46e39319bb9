import { fsyncSync } from 'node:fs';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type InitOptions = Parameters<NodeFS['init']>[1];
interface EmscriptenStream {
  nfd?: number;
}
interface EmscriptenNodeFs {
  stream_ops: Record<string, unknown>;
  tryFSOperation<T>(operation: () => T): T;
}

/** How often the embedded database asked the operating system to flush a file (for the tests). */
export const fsyncCount = { calls: 0 };

/**
 * PGlite's file system on Node (Emscripten's NODEFS) has no fsync: PostgreSQL's fsync and fdatasync
 * calls return success without reaching the disk, so `fsync = on` alone would change nothing. This
 * file system gives NODEFS the missing operation — fsync(2) on the real file descriptor — so that a
 * commit is on the disk when PostgreSQL acknowledges it (WAL flush at commit), and an operating-system
 * crash or power cut cannot lose an acknowledged write. Errors reach PostgreSQL as I/O errors.
 */
export class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>) {
    const result = await super.init(...args);
    const opts = result.emscriptenOpts as InitOptions & { preRun?: Array<(mod: unknown) => void> };
    const preRun = [
      ...(opts.preRun ?? []),
      (mod: unknown) => {
        const nodefs = (mod as { NODEFS: EmscriptenNodeFs }).NODEFS;
        nodefs.stream_ops.fsync = (stream: EmscriptenStream) => {
          if (stream.nfd === undefined) return 0;
          fsyncCount.calls += 1;
          nodefs.tryFSOperation(() => fsyncSync(stream.nfd as number));
          return 0;
        };
      },
    ];
    return { emscriptenOpts: { ...opts, preRun } as InitOptions };
  }
}
