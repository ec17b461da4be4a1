# maillage: the API as a container. Build: docker build -t maillage .   Run with its database: docker compose up
# The image needs DATABASE_URL (a PostgreSQL 13+ with the unaccent extension); the embedded PostgreSQL
# of `npm start` is for a developer's machine, not for a container.

# 1. build: every dependency (TypeScript, esbuild…), then `npm install`'s prepare step builds dist/
#    (the server with tsc, the playground bundle with esbuild: scripts/build.mjs).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm install --no-audit && test -f dist/src/main.js && test -f dist/playground/index.html

# 2. runtime: production dependencies only, the built output, the seeds; runs as the image's `node` user.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 LOG_LEVEL=info
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts ./scripts
# prepare finds no TypeScript here and skips (the build stage built dist/).
RUN npm install --omit=dev --no-audit && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY seeds ./seeds
COPY schema ./schema
USER node
EXPOSE 4000
# /ready answers 200 only when PostgreSQL answers (503 during an outage); the image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop): finishes the requests in progress, then exits 0 within 10 s (docker's default grace).
CMD ["node", "--max-semi-space-size=16", "dist/src/main.js"]
