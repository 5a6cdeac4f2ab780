#!/usr/bin/env bash
# The test command (README): builds the solution and runs every test project against a real PostgreSQL.
# Uses $INTELLIGENCE_TEST_PG when set; otherwise starts the private cluster with ops/pg.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${INTELLIGENCE_TEST_PG:-}" ]; then
  INTELLIGENCE_TEST_PG="$(ops/pg.sh start)"
  export INTELLIGENCE_TEST_PG
  # The cluster stays up so that the next run starts at once; say so, whatever the outcome.
  trap 'echo "PostgreSQL (private cluster under .data/pg) is still running; stop it with: ops/pg.sh stop" >&2' EXIT
fi
dotnet build Intelligence.sln -c Release --nologo -clp:ErrorsOnly
dotnet test Intelligence.sln -c Release --no-build --nologo --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=1500000
