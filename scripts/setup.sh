#!/usr/bin/env bash
# Installs what a fresh machine lacks for Stem, and says what it does.
#   --test   also Debian's Chromium for the end-to-end tests
# Node packages come from `npm ci`; the embedded database needs nothing else.
set -euo pipefail
want_chromium=false
[[ "${1:-}" == "--test" ]] && want_chromium=true

missing=()
if $want_chromium && [[ ! -x /usr/bin/chromium ]]; then missing+=(chromium); fi
# PostGIS for the PostgreSQL server, only where one runs on this machine.
if command -v pg_config >/dev/null 2>&1 || [[ -d /usr/lib/postgresql ]]; then
  for v in $(ls /usr/lib/postgresql 2>/dev/null); do
    [[ -f /usr/share/postgresql/$v/extension/postgis.control ]] || missing+=("postgresql-$v-postgis-3")
  done
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: nothing to install"
  exit 0
fi
echo "setup: installing ${missing[*]} (Debian packages)"
if [[ $(id -u) -ne 0 ]]; then
  echo "setup: not root; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup: installed ${missing[*]}"
