#!/usr/bin/env bash
# Generates the C# client (Kiota) from the committed OpenAPI document, docs/openapi.json.
#
#   tests/tools/generate-client.sh            # into the committed client, tests/ClearanceWorkflow.IntegrationTests/Client
#   tests/tools/generate-client.sh DIR        # into DIR (the drift test compares DIR with the committed client)
#
# Needs the local tool: `dotnet tool restore`. See docs/api.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

out="${1:-tests/ClearanceWorkflow.IntegrationTests/Client}"
export KIOTA_CLI_TELEMETRY_OPTOUT=true
dotnet kiota generate --language CSharp \
    --openapi docs/openapi.json \
    --output "$out" \
    --namespace-name ClearanceWorkflow.IntegrationTests.Client \
    --class-name ClearanceApiClient \
    --exclude-backward-compatible \
    --serializer Microsoft.Kiota.Serialization.Json.JsonSerializationWriterFactory \
    --serializer Microsoft.Kiota.Serialization.Text.TextSerializationWriterFactory \
    --deserializer Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory \
    --deserializer Microsoft.Kiota.Serialization.Text.TextParseNodeFactory \
    --clean-output \
    --log-level Warning
rm -f "$out/.kiota.log"
# The action path request-information becomes the namespace ...Actions.RequestInformation, which hides Kiota's own
# RequestInformation type from the code beside it (CS0118): name that type in full.
find "$out" -name '*.cs' -exec perl -pi -e 's/(?<![\w.:])RequestInformation(?=[ (])/global::Microsoft.Kiota.Abstractions.RequestInformation/g' {} +
