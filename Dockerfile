# brandfill proxy: the Hono app under Node, configured only by environment variables
# (every variable is listed in docs/deploy.md). Build: docker build -t brandfill-proxy .
FROM node:24-slim

WORKDIR /app

# Full install (not --omit=dev): the proxy runs its TypeScript through tsx, and ioredis, used for
# the shared Redis store, is listed under devDependencies. --include=dev keeps them even if
# NODE_ENV=production is set by the platform at build time.
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src

# Platforms such as Cloud Run route traffic to $PORT on every interface, so the proxy listens
# beyond loopback here and refuses to start unless BRANDFILL_TOKEN is set.
ENV HOST=0.0.0.0 \
    PORT=8080
EXPOSE 8080
USER node

# SIGTERM (docker stop, Cloud Run scale-down) finishes requests in flight, then exits.
CMD ["node", "--import", "tsx", "src/proxy/start-proxy.ts"]
