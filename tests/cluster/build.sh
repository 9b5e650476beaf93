#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok
# into .bin/ from the versions pinned in go.mod and kwok/go.mod.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/local/go/bin"

missing=()
for tool in openssl curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

bins=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok kwok-stages.yaml)
stamp=$(cat go.mod go.sum kwok/go.mod kwok/go.sum build.sh <(go version) | sha256sum | cut -d' ' -f1)
up_to_date() {
  [[ -f .bin/.stamp && $(<.bin/.stamp) == "$stamp" ]] || return 1
  for b in "${bins[@]}"; do [[ -s .bin/$b ]] || return 1; done
}
if up_to_date; then
  echo "build.sh: .bin/ is up to date"
  exit 0
fi

k8s=$(go list -m -f "{{.Version}}" k8s.io/kubernetes)
minor=$(cut -d. -f2 <<<"$k8s")
ver=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ver+=" -X $pkg.gitVersion=$k8s -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done

export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -p=2 -trimpath"
mkdir -p .bin
rm -f .bin/.stamp
echo "build.sh: building Kubernetes $k8s, etcd and kwok (a cold build takes a while)"
nice go build -ldflags="-s -w$ver" -o .bin/ \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler
nice go build -ldflags="-s -w" -o .bin/etcd go.etcd.io/etcd/server/v3
(cd kwok && nice go build -ldflags="-s -w" -o ../.bin/ sigs.k8s.io/kwok/cmd/kwok)

# kwok does nothing without stages: take kwokctl's defaults from the same release.
stages=$(cd kwok && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage
for f in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
  pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
  echo "---"
  cat "$stages/$f.yaml"
done >.bin/kwok-stages.yaml
echo "$stamp" >.bin/.stamp
echo "build.sh: built ${bins[*]} in $(pwd)/.bin"
