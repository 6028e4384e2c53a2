#!/usr/bin/env bash
# install.sh: builds @confluentinc/kafka-javascript (librdkafka for Node) into this folder, for the
# replay bench's third read ceiling. Not part of `npm install`: the services use kafkajs, and this
# client is measured beside it, not adopted (docs/architecture.md, "Replay speed").
#
# Its prebuilt binaries come from GitHub, which this project's machines may not reach, so it is
# compiled here: librdkafka linked against Debian's OpenSSL, SASL, zlib and zstd (installed when
# missing and we may), against the running Node's own headers. A few minutes on two cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages=(libssl-dev libsasl2-dev zlib1g-dev libzstd-dev liblz4-dev libcurl4-openssl-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: librdkafka needs ${missing[*]} (apt-get install ${missing[*]}) or your system's equivalent" >&2
    exit 1
  fi
  echo "installing ${missing[*]} to build librdkafka..."
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# node-gyp would otherwise download the headers of this Node from nodejs.org.
node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
[[ -f "$node_prefix/include/node/node.h" ]] && export npm_config_nodedir="$node_prefix"
cd "$here"
# dynamic: librdkafka's own configure links the system's libraries instead of downloading their sources.
CKJS_LINKING=dynamic npm install --no-audit --no-fund
node -e "console.log('librdkafka client ready: librdkafka', require('@confluentinc/kafka-javascript').librdkafkaVersion)"
