#!/usr/bin/env bash
# Creates the local kind cluster for medgrade: the cluster from kind-config.yaml,
# metrics-server (the HorizontalPodAutoscalers need it), ingress-nginx on host ports 80/443,
# the medgrade namespace and the Secrets the chart reads. Then: skaffold dev.
# Needs docker, kind >= 0.27, kubectl >= 1.32; see docs/kubernetes.md.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER=medgrade
NAMESPACE=medgrade
METRICS_SERVER_VERSION=v0.7.2
INGRESS_NGINX_VERSION=controller-v1.12.1

for tool in docker kind kubectl openssl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "kind-up: $tool is not installed (see docs/kubernetes.md)" >&2; exit 1; }
done

if kind get clusters | grep -qx "$CLUSTER"; then
  echo "kind-up: cluster $CLUSTER exists, reusing it"
else
  kind create cluster --config kind-config.yaml --wait 120s
fi
kubectl config use-context "kind-$CLUSTER" >/dev/null

echo "kind-up: installing metrics-server $METRICS_SERVER_VERSION"
kubectl apply -f "https://github.com/kubernetes-sigs/metrics-server/releases/download/$METRICS_SERVER_VERSION/components.yaml"
# kind's kubelets serve self-signed certificates.
kubectl -n kube-system patch deployment metrics-server --type=json \
  -p '[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]' 2>/dev/null || true

echo "kind-up: installing ingress-nginx $INGRESS_NGINX_VERSION"
kubectl apply -f "https://raw.githubusercontent.com/kubernetes/ingress-nginx/$INGRESS_NGINX_VERSION/deploy/static/provider/kind/deploy.yaml"
kubectl -n ingress-nginx rollout status deployment/ingress-nginx-controller --timeout=180s
kubectl -n kube-system rollout status deployment/metrics-server --timeout=180s

kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
# Secrets are created here, never by the chart; existing ones are kept across re-runs.
create_secret() {
  local name=$1 key=$2
  if ! kubectl -n "$NAMESPACE" get secret "$name" >/dev/null 2>&1; then
    kubectl -n "$NAMESPACE" create secret generic "$name" --from-literal="$key=$(openssl rand -hex 32)"
  fi
}
create_secret medgrade-jwt jwt-secret
create_secret medgrade-postgres password
# The gateway runs in production mode and creates the first administrator from this Secret.
if ! kubectl -n "$NAMESPACE" get secret medgrade-bootstrap-admin >/dev/null 2>&1; then
  kubectl -n "$NAMESPACE" create secret generic medgrade-bootstrap-admin \
    --from-literal=email=admin@medgrade.local --from-literal=password="$(openssl rand -hex 12)"
fi

cat <<'DONE'

kind-up: cluster ready. Next:
  skaffold dev                      # builds the image, loads it into kind, installs the chart
  open http://localhost/docs        # through ingress-nginx (or http://localhost:8080/docs via port-forward)
Sign in as admin@medgrade.local with the password from:
  kubectl -n medgrade get secret medgrade-bootstrap-admin -o jsonpath='{.data.password}' | base64 -d
DONE
