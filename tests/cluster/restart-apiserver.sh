#!/usr/bin/env bash
# Stops kube-apiserver, keeps it down for SECONDS (default 0), starts it again on the
# same port with the same etcd and waits for /readyz.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_env
# A SIGTERMed apiserver stops listening at once but waits for open watches to end: don't wait long.
stop kube-apiserver 2
sleep "${1:-0}"
start_apiserver
wait_ready
echo "restart-apiserver.sh: ready at https://127.0.0.1:$API_PORT"
