# One image for every service: `docker build --build-arg SERVICE=referral-intake .` (docker-compose.yml does this).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install's postinstall applies them (patch-package).
COPY patches ./patches
# Why not `npm ci`: see .ci/run.
RUN npm install --no-audit --no-fund --no-save
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/service-node.sh ./scripts/
USER node
ARG SERVICE=referral-intake
ENV SERVICE=${SERVICE}
# With its heap budget, if it has one (scripts/service-node.sh says which and why); SERVICE_HEAP_MIB sets one.
CMD ["sh", "-c", "exec bash scripts/service-node.sh ${SERVICE} dist/services/${SERVICE}/src/main.js"]
