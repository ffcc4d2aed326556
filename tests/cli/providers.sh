#!/bin/bash
# providers: the registry's Message Registries, active ones asked, the
# deactivated one ignored, a failing one reported with its reason.
. "$srcdir/tests/cli/lib.sh"
provider_start

ebox providers --json
check_rc "providers exits 0" 0
check "two providers answer" [ "$(json 'sum(1 for p in j["providers"] if p["state"] == "ok")')" -eq 2 ]
check "the deactivated one is marked inactive" [ "$(json 'sum(1 for p in j["providers"] if p["state"] == "inactive")')" -ge 1 ]
check "each has a URL and API version" [ "$(json 'all(p["url"].startswith("https://") and p["apiVersion"] for p in j["providers"])')" = true ]
down=$(json '[p["id"] for p in j["providers"] if p["state"] == "ok"][1]')
ebox providers
check_out "the text form says ok" "ok ("
provider_start --provider-down "$down"
ebox providers --json
check "a down provider is reported failed" [ "$(json '[p["state"] for p in j["providers"] if p["id"] == "'"$down"'"][0]')" = failed ]
check "with a reason" [ -n "$(json '[p["error"] for p in j["providers"] if p["id"] == "'"$down"'"][0]')" ]
# The deactivated provider is never called.
check "the inactive provider was never asked" [ -z "$(grep -i inactive "$T/prov.log" | grep -v messageProviders)" ]
done_testing
