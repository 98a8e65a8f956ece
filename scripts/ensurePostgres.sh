#!/usr/bin/env bash
# The store tests also run against a real PostgreSQL server (test/setup/postgres.ts starts a throwaway one).
# Runs before `npm test`: installs Debian's postgresql when it is missing and we may (root), otherwise says what to do.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then exit 0; fi
if [ "${TEST_POSTGRES:-}" = "off" ] || [ -n "${TEST_POSTGRES_URL:-}" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing Debian's postgresql for the store tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The package starts a cluster of its own; the tests start theirs on a free port, so stop it.
  service postgresql stop >/dev/null 2>&1 || true
  exit 0
fi
echo "The store tests need Debian's postgresql: sudo apt-get install -y postgresql (or set TEST_POSTGRES_URL)" >&2
exit 1
