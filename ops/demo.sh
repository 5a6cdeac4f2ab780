#!/usr/bin/env bash
# The main job on the embedded default: local PostgreSQL, CPU experts, the bundled sample corpus, GraphQL on 127.0.0.1.
# Usage: ops/demo.sh [--port 5080]   (Ctrl+C stops the server; `ops/pg.sh stop` stops PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
INTELLIGENCE_DB="$(ops/pg.sh start)"
export INTELLIGENCE_DB
dotnet build src/Intelligence.Cli -c Release --nologo -clp:ErrorsOnly
exec dotnet src/Intelligence.Cli/bin/Release/net10.0/intel.dll run --dev --ingest samples/corpus "$@"
