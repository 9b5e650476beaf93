#!/usr/bin/env bash
# Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on
# 127.0.0.1 and writes .run/kubeconfig. A healthy cluster that is already up is reused.
# KUBE_APISERVER_ARGS adds flags to kube-apiserver, e.g. --watch-cache=false.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

healthy() {
  [[ -n ${KUBELET_PORT:-} ]] || return 1 # started before KWOK served as the kubelet
  for c in "${components[@]}"; do running "$c" || return 1; done
  api /readyz -o /dev/null 2>/dev/null
}
want_args=${KUBE_APISERVER_ARGS:-}
if load_env 2>/dev/null && [[ $KUBE_APISERVER_ARGS == "$want_args" ]] && healthy; then
  echo "up.sh: reusing the cluster at https://127.0.0.1:$API_PORT"
  exit 0
fi

"$here/build.sh"
"$here/down.sh" >/dev/null
rm -rf "$run"
mkdir -p "$pki"

# PKI: a CA, the apiserver's serving cert, kube-admin's client cert, service-account keys.
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=kube-e2e-ca \
  -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
sign() { # NAME SUBJECT EXTENSIONS
  openssl req -new -newkey rsa:2048 -nodes -subj "$2" -keyout "$pki/$1.key" -out "$pki/$1.csr" 2>/dev/null
  openssl x509 -req -days 3650 -in "$pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
    -CAcreateserial -out "$pki/$1.crt" -extfile <(printf '%s\n' "${@:3}") 2>/dev/null
}
sign apiserver /CN=kube-apiserver basicConstraints=CA:FALSE extendedKeyUsage=serverAuth \
  subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc
sign admin /O=system:masters/CN=kube-admin basicConstraints=CA:FALSE extendedKeyUsage=clientAuth
# KWOK serves as kwok-node-0's kubelet (logs, exec, attach, port-forward): its serving cert,
# and the client cert the apiserver shows it.
sign kubelet /CN=system:node:kwok-node-0 basicConstraints=CA:FALSE extendedKeyUsage=serverAuth \
  subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kwok-node-0
sign apiserver-kubelet-client /O=system:masters/CN=kube-apiserver-kubelet-client \
  basicConstraints=CA:FALSE extendedKeyUsage=clientAuth
openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
token=$(openssl rand -hex 24)
echo "$token,kube-e2e-token,kube-e2e-token" >"$pki/tokens.csv"

used=" "
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    [[ $used == *" $p "* ]] && continue
    (: <>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
    echo "$p"
    return
  done
}
ETCD_PORT=$(free_port) && used+="$ETCD_PORT "
ETCD_PEER_PORT=$(free_port) && used+="$ETCD_PEER_PORT "
API_PORT=$(free_port) && used+="$API_PORT "
KUBELET_PORT=$(free_port)
KUBE_APISERVER_ARGS=$want_args
for v in ETCD_PORT ETCD_PEER_PORT API_PORT KUBELET_PORT KUBE_APISERVER_ARGS; do printf '%s=%q\n' "$v" "${!v}"; done >"$run/env"

start etcd --name=e2e --data-dir="$run/etcd-data" --log-level=warn --unsafe-no-fsync \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="e2e=http://127.0.0.1:$ETCD_PEER_PORT"
for _ in {1..100}; do
  curl -sf "http://127.0.0.1:$ETCD_PORT/health" >/dev/null && break
  running etcd || break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$ETCD_PORT/health" >/dev/null || {
  echo "etcd did not start; the end of $run/etcd.log:" >&2
  tail -n 20 "$run/etcd.log" >&2
  exit 1
}

start_apiserver
wait_ready

b64() { base64 -w0 "$pki/$1"; }
cat >"$run/kubeconfig.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kube-e2e
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $(b64 ca.crt)
users:
- name: kube-e2e-admin
  user:
    client-certificate-data: $(b64 admin.crt)
    client-key-data: $(b64 admin.key)
- name: kube-e2e-token
  user:
    token: $token
contexts:
- name: kube-e2e-admin
  context:
    cluster: kube-e2e
    user: kube-e2e-admin
- name: kube-e2e-token
  context:
    cluster: kube-e2e
    user: kube-e2e-token
    namespace: kube-e2e-limited
current-context: kube-e2e-admin
EOF
mv "$run/kubeconfig.tmp" "$run/kubeconfig"

create() { api "$1" -X POST -H 'Content-Type: application/json' -d "$2" -o /dev/null; }
create /api/v1/namespaces '{"metadata":{"name":"kube-e2e-limited"}}'
rbac=/apis/rbac.authorization.k8s.io/v1/namespaces/kube-e2e-limited
create "$rbac/roles" '{"metadata":{"name":"kube-e2e-limited-all"},
  "rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}'
create "$rbac/rolebindings" '{"metadata":{"name":"kube-e2e-token"},
  "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"kube-e2e-limited-all"},
  "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"kube-e2e-token"}]}'
resources='{"cpu":"32","memory":"256Gi","pods":"110"}'
create /api/v1/nodes '{"metadata":{"name":"kwok-node-0","annotations":{"kwok.x-k8s.io/node":"fake"},
  "labels":{"type":"kwok","kubernetes.io/hostname":"kwok-node-0","kubernetes.io/os":"linux","kubernetes.io/arch":"amd64"}},
  "status":{"capacity":'"$resources"',"allocatable":'"$resources"',
  "daemonEndpoints":{"kubeletEndpoint":{"Port":'"$KUBELET_PORT"'}}}}'

# What KWOK's kubelet server does for every pod on kwok-node-0: logs (and attach) follow
# .run/pod.log, exec runs the command on this host in .run/exec, and a pod port P in
# 18080-18089 is forwarded to 127.0.0.1:P.
mkdir -p "$run/exec"
: >"$run/pod.log"
{
  cat <<EOF
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: pod-log
spec:
  logs:
  - logsFile: $run/pod.log
    follow: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterAttach
metadata:
  name: pod-log
spec:
  attaches:
  - logsFile: $run/pod.log
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterExec
metadata:
  name: host
spec:
  execs:
  - local:
      workDir: $run/exec
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: loopback
spec:
  forwards:
EOF
  for port in {18080..18089}; do
    printf '  - ports: [%s]\n    target: {port: %s, address: 127.0.0.1}\n' "$port" "$port"
  done
} >"$run/kwok-kubelet.yaml"

kc=--kubeconfig="$run/kubeconfig"
start kube-controller-manager "$kc" --leader-elect=false --secure-port=0 \
  --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
  --cluster-signing-cert-file="$pki/ca.crt" --cluster-signing-key-file="$pki/ca.key" \
  --flex-volume-plugin-dir="$run/flexvolume"
start kube-scheduler "$kc" --leader-elect=false --secure-port=0
start kwok "$kc" --config="$bin/kwok-stages.yaml" --config="$run/kwok-kubelet.yaml" \
  --node-lease-duration-seconds=40 --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --server-address="127.0.0.1:$KUBELET_PORT" --node-ip=127.0.0.1 --node-port="$KUBELET_PORT" \
  --tls-cert-file="$pki/kubelet.crt" --tls-private-key-file="$pki/kubelet.key"

# Tests may start as soon as the fake node is Ready and namespaces get their default ServiceAccount.
node_ready() {
  api /api/v1/nodes/kwok-node-0 2>/dev/null | tr -d ' \n' | grep -q '"type":"Ready","status":"True"' &&
    api /api/v1/namespaces/default/serviceaccounts/default -o /dev/null 2>/dev/null
}
for _ in {1..150}; do node_ready && break; sleep 0.2; done
node_ready || echo "up.sh: warning: kwok-node-0 is not Ready yet" >&2
# The apiserver reaches the node's kubelet (KWOK) at its InternalIP; KWOK's node stage leaves
# the address out, so it is set once the node is initialized.
api /api/v1/nodes/kwok-node-0/status -X PATCH -H 'Content-Type: application/merge-patch+json' \
  -d '{"status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}]}}' -o /dev/null
for c in "${components[@]}"; do running "$c" || { echo "$c exited; see $run/$c.log" >&2; exit 1; }; done
echo "up.sh: cluster ready at https://127.0.0.1:$API_PORT; KUBECONFIG=$run/kubeconfig"
