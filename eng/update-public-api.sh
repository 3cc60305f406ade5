#!/usr/bin/env bash
# Adds every public symbol that the build reports as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, so that a change to the public API shows up as a reviewed diff.
# Usage: eng/update-public-api.sh src/Marketo.Extract
set -euo pipefail
project_dir="${1:?usage: eng/update-public-api.sh PROJECT_DIR}"
unshipped="$project_dir/PublicAPI.Unshipped.txt"
log="$(mktemp)"
dotnet build "$project_dir" -nologo -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
grep -o "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
  | sed -e "s/^RS0016: Symbol '//" -e "s/' is not part of the declared public API$//" \
  | sort -u >"$log.symbols" || true
{ grep -v '^#nullable' "$unshipped" || true; cat "$log.symbols"; } | sort -u >"$log.merged"
{ echo '#nullable enable'; cat "$log.merged"; } >"$unshipped"
echo "$(wc -l <"$log.symbols") symbols added to $unshipped"
rm -f "$log" "$log.symbols" "$log.merged"
