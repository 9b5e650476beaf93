#!/usr/bin/env bash
# Compacts etcd to REVISION (default: the current one) and prints the revision.
# Like the apiserver's own compactor it first records the revision under
# compact_rev_key, which is how the apiserver learns that its snapshots are stale.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_env
etcd() { curl -sS --fail-with-body --max-time 10 -X POST "http://127.0.0.1:$ETCD_PORT/v3/$1" -d "$2"; }
rev=${1:-$(etcd kv/range '{"key":"AA=="}' | sed -E 's/.*"revision":"?([0-9]+).*/\1/')}
[[ $rev =~ ^[0-9]+$ ]] || { echo "compact.sh: bad revision '$rev'" >&2; exit 1; }
etcd kv/put "{\"key\":\"$(printf compact_rev_key | base64)\",\"value\":\"$(printf %s "$rev" | base64)\"}" >/dev/null
etcd kv/compaction "{\"revision\":\"$rev\",\"physical\":true}" >/dev/null
echo "$rev"
