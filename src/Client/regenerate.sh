#!/usr/bin/env bash
# Regenerates Generated/ from openapi.json with the Kiota version pinned in dotnet-tools.json. Refresh openapi.json
# first when the API changed: AIPLUSTASKS_REFRESH_OPENAPI=1 dotnet test tests/AiPlusTasks.Host.Tests --filter OpenApiContract
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
KIOTA_OFFLINE_ENABLED=true dotnet kiota generate --language CSharp --class-name AiPlusTasksApiClient \
  --namespace-name AiPlusTasks.Client --openapi openapi.json --output Generated \
  --exclude-backward-compatible --clean-output --log-level Warning
