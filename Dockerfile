# syntax=docker/dockerfile:1
# transition-ledger: the HTTP API and CLI. TypeScript runs through tsx, a runtime dependency, so
# there is no build step: the image holds the sources and the production dependencies only.

# ── Dependencies: better-sqlite3 is native and may need compiling when no prebuilt binary fits. ──
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ── Runtime: no compilers, non-root. ───────────────────────────────────────────────────────────
FROM node:20-bookworm-slim AS runtime
# DejaVu: the printed report's PDF font, covering every character a commission records.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LEDGER_DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node src ./src
COPY --chown=node:node projections ./projections
# The web app's own CSS and scripts (served from memory) and the INEI directory import-local-governments reads.
COPY --chown=node:node web ./web
COPY --chown=node:node reference ./reference
# The data directory holds the SQLite ledger (LEDGER_STORE=sqlite) and the generated admin token.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
# Node's own fetch: the slim image has no curl. /api/health answers 503 when the store is unreachable.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts", "serve"]
