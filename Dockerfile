# Image of the assistant for compose.yaml. UNTESTED HERE (no container runtime on the development machines).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev && mkdir -p data && chown node data

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV HOST=0.0.0.0 PORT=3978
EXPOSE 3978
USER node
CMD ["npm", "run", "serve", "--silent"]
