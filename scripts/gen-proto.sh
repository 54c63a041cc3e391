#!/usr/bin/env bash
# Generates the TypeScript types of proto/medgrade/v1/*.proto into services/kit/src/generated
# (or into the directory given as $1, which the drift test uses). The flags must match the
# loader options in services/kit/src/proto.ts so the types describe what the loader returns.
set -euo pipefail
cd "$(dirname "$0")/.."
out_dir="${1:-services/kit/src/generated}"
rm -rf "$out_dir"
mkdir -p "$out_dir"
# Sorted file list: the generator's output must not depend on directory order.
mapfile -t protos < <(cd proto && find medgrade -name '*.proto' | LC_ALL=C sort)
node node_modules/@grpc/proto-loader/build/bin/proto-loader-gen-types.js \
  --keepCase --longs=Number --enums=String --defaults --arrays --grpcLib=@grpc/grpc-js \
  --includeComments -I proto -O "$out_dir" "${protos[@]}"
