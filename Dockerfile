# syntax=docker/dockerfile:1
# Schakel's container image: built with the lock file (npm ci + npm run build), run as a non-root user
# with production dependencies and the build only. Meant for a PostgreSQL server (DATABASE_URL); the
# root file system may be read-only — the app writes nothing outside /tmp (mount a tmpfs there).
# See compose.yaml and docs/operations.md ("The production shape").

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
COPY scripts/complete-lockfile.mjs scripts/complete-lockfile.mjs
RUN node scripts/complete-lockfile.mjs && npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json vite.config.ts ./
COPY src src
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
COPY scripts/complete-lockfile.mjs scripts/complete-lockfile.mjs
RUN node scripts/complete-lockfile.mjs && npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    SCHAKEL_DATA_DIR=/tmp/schakel-data
COPY --from=prod-deps --chown=root:root /app/node_modules node_modules
COPY --from=build --chown=root:root /app/dist dist
COPY --chown=root:root package.json LICENSE ./
# The image's files belong to root and are read-only for the app; it runs as the unprivileged "node" user.
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself is PID 1 and handles SIGTERM (graceful shutdown, SHUTDOWN_GRACE_SECONDS).
CMD ["node", "dist/server/main.js"]
