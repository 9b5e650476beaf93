#!/usr/bin/env bash
# Stops what up.sh started and removes its data; the logs stay. Safe to run at any time.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
for ((i = ${#components[@]} - 1; i >= 0; i--)); do stop "${components[i]}"; done
rm -rf "$run/etcd-data" "$run/pki" "$run/flexvolume" "$run/kubeconfig" "$run/env"
echo "down.sh: stopped"
