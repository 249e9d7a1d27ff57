# syntax=docker/dockerfile:1
# Congress Records Console: one Node process serving /graphql, /admin/, /healthz and /readyz.
# It needs an external PostgreSQL (DATABASE_URL, DATABASE_OWNER_URL): see docker-compose.yml.
# `npm run smoke:prod` proves these build and start steps natively, without Docker.

# --- build: install everything, build the console (admin/dist) and the server (dist/), drop dev deps ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0
WORKDIR /app
# Owned by root and read-only for the server's user. embedded-postgres stays installed (a runtime
# dependency) but is not used: the server runs its embedded cluster only when DATABASE_URL is unset.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/admin/dist ./admin/dist
# The audit chain's anchors and their key: written by the server's user, meant to be a volume kept off the
# database host (docker-compose.yml mounts one).
RUN mkdir /anchors && chown node:node /anchors && chmod 700 /anchors
# The product's logical backups of the database (`node dist/server/backup/backup.cli.js`, BACKUP_DIR=/backups):
# a mount point the server's user owns, so a new named volume mounted there starts writable by it.
RUN mkdir /backups && chown node:node /backups && chmod 700 /backups
USER node
EXPOSE 4000
# Exec form: node is PID 1 and receives SIGTERM itself, draining requests before it exits. The heap is capped
# at 384 MB as `npm start` caps it: V8 then collects before it grows, and the process stays under 500 MB RSS
# (a 100,000-row import's live memory is small; uncapped, V8 let its garbage reach ~510 MB).
# The same entry as `npm start` (dist/main.js: the server with the demo loader's hook), so the image decides about
# demo data by the same rule: only a new embedded database gets it (no DATABASE_URL, DEMO_DATA not off). With
# DATABASE_URL set, as docker-compose.yml sets it, the demo never loads; `npm run seed -- --demo` loads it on purpose.
CMD ["node", "--max-old-space-size=384", "dist/main.js"]
