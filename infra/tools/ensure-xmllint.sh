#!/usr/bin/env bash
# xmllint (libxml2) checks a CIN census file against the DfE's XSD: in the census tests and in
# `npm run census`. Debian's libxml2-utils provides it; install it when missing and we may (root).
set -euo pipefail
command -v xmllint >/dev/null 2>&1 && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing libxml2-utils (xmllint) for the CIN census schema check..."
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
  command -v xmllint >/dev/null 2>&1 && exit 0
fi
echo "xmllint is missing: install libxml2-utils (apt-get install libxml2-utils) or your system's libxml2 tools" >&2
exit 1
