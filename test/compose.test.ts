/**
 * compose.yaml and the Dockerfile, checked without a container runtime (none on the development
 * machine): the YAML parses, the services of the production shape are there with the settings that
 * matter (read-only root file system, tmpfs /tmp, health checks, one key for both instances, the
 * migration first), every host path they mount and every path the Dockerfile copies or runs exists,
 * and the PostgreSQL init script creates the roles of the README.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
}

const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** `dist/server/x.js` of the build comes from `src/x.ts` (tsconfig.build.json: rootDir src). */
const sourceOf = (built: string) => built.replace(/^dist\/server\//, 'src/').replace(/\.js$/, '.ts');

describe('compose.yaml', () => {
  it('has PostgreSQL 15, a one-shot migration, two app instances and a load balancer', () => {
    expect(Object.keys(services).sort()).toEqual(['app1', 'app2', 'db', 'lb', 'migrate']);
    expect(services.db?.image).toMatch(/^postgres:15/);
    expect(services.lb?.image).toMatch(/^nginx:/);
    expect(services.lb?.ports).toEqual(['8080:8080']);
  });

  it('runs both app instances read-only with a tmpfs /tmp, a health check and the same key and database', () => {
    for (const name of ['app1', 'app2', 'migrate']) {
      const s = services[name] as Service;
      expect(s.build, name).toBe('.');
      expect(s.read_only, name).toBe(true);
      expect(s.tmpfs, name).toEqual(['/tmp']);
    }
    for (const name of ['app1', 'app2']) {
      const s = services[name] as Service;
      expect(JSON.stringify(s.healthcheck?.test), name).toContain('/readyz');
      expect(s.depends_on?.migrate?.condition).toBe('service_completed_successfully');
      expect(s.depends_on?.db?.condition).toBe('service_healthy');
      expect(s.command).toBeUndefined(); // the image's CMD: the server
    }
    const env1 = services.app1?.environment ?? {};
    expect(services.app2?.environment).toEqual(env1);
    expect(env1.SCHAKEL_SECRET_KEY).toMatch(/^\$\{SCHAKEL_SECRET_KEY:\?/);
    expect(env1.DATABASE_URL).toMatch(/^postgres:\/\/schakel_web:.*@db:5432\/schakel$/);
    expect(env1.DATABASE_MIGRATION_URL).toMatch(/^postgres:\/\/schakel_owner:.*@db:5432\/schakel$/);
    expect(env1.TRUST_PROXY).toBe('1');
    expect(env1).not.toHaveProperty('SCHAKEL_DEMO');
  });

  it('migrates once before the instances start, with the command the build produces', () => {
    const migrate = services.migrate as Service;
    expect(migrate.command?.[0]).toBe('node');
    const built = migrate.command?.[1] as string;
    expect(existsSync(join(ROOT, sourceOf(built))), sourceOf(built)).toBe(true);
    expect(migrate.healthcheck?.disable).toBe(true);
    expect(Object.keys(migrate.depends_on ?? {})).toEqual(['db']);
    expect(services.lb?.depends_on?.app1?.condition).toBe('service_healthy');
    expect(services.lb?.depends_on?.app2?.condition).toBe('service_healthy');
  });

  it('mounts only host paths that exist', () => {
    const mounts = Object.values(services).flatMap((s) => (s.volumes ?? []).filter((v) => v.startsWith('./')));
    expect(mounts.length).toBeGreaterThanOrEqual(2);
    for (const mount of mounts) {
      const host = mount.split(':')[0] as string;
      expect(existsSync(join(ROOT, host)), host).toBe(true);
    }
  });

  it('balances over both instances in nginx.conf, with writable paths only under /tmp', () => {
    const conf = read('deploy/nginx.conf');
    expect(conf).toMatch(/server app1:8080/);
    expect(conf).toMatch(/server app2:8080/);
    expect(conf).not.toMatch(/^\s*proxy_next_upstream\s[^;]*non_idempotent/m); // a write that reached an app is never sent twice
    for (const [, path] of conf.matchAll(/(?:_temp_path|^pid)\s+(\S+);/gm)) expect(path).toMatch(/^\/tmp\//);
  });

  it("creates the README's roles in the PostgreSQL init script", () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Running on a PostgreSQL server'));
    const sqlBlock = /```sql\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const script = read('deploy/postgres-init/10-schakel-roles.sh');
    const statements = sqlBlock
      .split('\n')
      .map((l) => l.replace(/--.*$/, '').trim())
      .filter(Boolean);
    expect(statements).toHaveLength(4);
    for (const statement of statements) {
      // Same statement, with the password from the environment instead of '…'.
      const pattern = statement
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/'…'/g, ":'[a-z_]+'")
        .replace(/\s+/g, '\\s+');
      expect(script, statement).toMatch(new RegExp(pattern));
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it('builds in one stage and runs node:20-bookworm-slim as a non-root user with a /healthz check', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(stages).toHaveLength(3);
    expect(stages[0]).toMatch(/npm ci/);
    expect(stages[0]).toMatch(/RUN npm run build/);
    expect(stages[1]).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    // Only production dependencies and the build reach the runtime image.
    const copies = [...runtime.matchAll(/^COPY (?:--from=(\S+) )?(?:--chown=\S+ )?(.+)$/gm)].map((m) => ({
      from: m[1],
      args: m[2],
    }));
    expect(copies).toEqual([
      { from: 'prod-deps', args: '/app/node_modules node_modules' },
      { from: 'build', args: '/app/dist dist' },
      { from: undefined, args: 'package.json LICENSE ./' },
    ]);
    // The embedded data directory, should it ever be used, is on the tmpfs; the app needs no other.
    expect(runtime).toMatch(/SCHAKEL_DATA_DIR=\/tmp\//);
  });

  it('copies only paths that exist and runs the built server', () => {
    for (const [, args] of dockerfile.matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(.+)$/gm)) {
      const sources = (args as string).split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
    }
    const cmd = /^CMD \["node", "([^"]+)"\]$/m.exec(runtime)?.[1] as string;
    expect(cmd).toBe('dist/server/main.js');
    expect(existsSync(join(ROOT, sourceOf(cmd)))).toBe(true);
    const ignored = read('.dockerignore').split('\n');
    for (const path of ['node_modules', 'dist', 'data', '.git']) expect(ignored).toContain(path);
  });
});
