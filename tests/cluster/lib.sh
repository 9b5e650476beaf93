# shellcheck shell=bash disable=SC2034
# Sourced by the cluster scripts: paths, and how to start, stop and reach the components.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
bin=$here/.bin
run=$here/.run
pki=$run/pki
components=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)

# start NAME ARGS...: runs .bin/NAME in its own session, so that it outlives the
# calling script and its process group, logging to .run/NAME.log.
start() {
  local name=$1
  shift
  setsid "$bin/$name" "$@" >>"$run/$name.log" 2>&1 </dev/null &
  echo $! >"$run/$name.pid"
}

# load_env: the ports and settings that up.sh recorded for the running cluster.
load_env() {
  [[ -f $run/env ]] || { echo "no cluster is up: run $here/up.sh" >&2; return 1; }
  # shellcheck source=/dev/null
  source "$run/env"
}

alive() { [[ $(ps -o stat= -p "$1" 2>/dev/null) == [^Z]* ]]; }

# running NAME: the PID in .run/NAME.pid is alive and still runs our binary.
running() {
  local pid
  pid=$(cat "$run/$1.pid" 2>/dev/null) || return 1
  alive "$pid" && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$bin/$1"* ]]
}

# stop NAME [GRACE]: SIGTERM, then SIGKILL after GRACE seconds (default 10).
stop() {
  local pid
  if running "$1"; then
    pid=$(<"$run/$1.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq $((${2:-10} * 10))); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    for _ in {1..50}; do alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$run/$1.pid"
}

# api PATH [CURL ARGS...]: a request to the apiserver as kube-admin.
api() {
  local path=$1
  shift
  curl -sS --fail-with-body --max-time 10 --cacert "$pki/ca.crt" \
    --cert "$pki/admin.crt" --key "$pki/admin.key" "$@" "https://127.0.0.1:$API_PORT$path"
}

# The watch cache stays on, except for configmaps: a watch on them from a compacted
# resourceVersion reaches etcd and answers 410 at once (the cache would serve it).
# The apiserver never compacts by itself, but its compactor must exist (interval > 0)
# to learn of compact.sh's compactions and drop its cached snapshots.
start_apiserver() {
  # shellcheck disable=SC2086
  start kube-apiserver \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" --etcd-compaction-interval=1000h \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
    --client-ca-file="$pki/ca.crt" --token-auth-file="$pki/tokens.csv" \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --authorization-mode=Node,RBAC --feature-gates=WatchList=true \
    --watch-cache-sizes='configmaps#0' \
    --endpoint-reconciler-type=none --service-cluster-ip-range=10.96.0.0/16 \
    --kubelet-certificate-authority="$pki/ca.crt" --kubelet-preferred-address-types=InternalIP \
    --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
    --allow-privileged=true --profiling=false $KUBE_APISERVER_ARGS # split on purpose
}

# wait_ready: until /readyz answers ok, or fail with the tail of the apiserver's log.
wait_ready() {
  local deadline=$((SECONDS + 120))
  until api /readyz -o /dev/null 2>/dev/null; do
    if ! running kube-apiserver || ((SECONDS >= deadline)); then
      echo "kube-apiserver did not become ready; the end of $run/kube-apiserver.log:" >&2
      tail -n 40 "$run/kube-apiserver.log" >&2
      return 1
    fi
    sleep 0.3
  done
}
