#!/bin/bash
# Moving a message to another partition (m): done through the v3 PATCH
# where the registry speaks v3, refused in words where it speaks 2.1.
# Oracle: the CLI's list --json, which reads the server again.
: "${srcdir:=.}"
. "$srcdir/tests/e2e/lib.sh" || exit 99

provider_start --now "$(today_noon)" --spelling v3
mkdir -p "$T/saved"
ebox --account enterprise list --json
FIRST=$(json 'j["messages"][0]["id"]')
FROM=$(json 'j["messages"][0]["partition"]')
TO=HR
[ "$FROM" = HR ] && TO=ACCOUNTING
tui_start --account enterprise
wait_loaded
wait_screen "the enterprise inbox shows its partitions" ' Partitions'
keys m
wait_message "m asks for a partition" '^Move to partition'
lit "$TO"
keys Enter
wait_message "the move is confirmed" "Moved 1 message to $TO"
ebox --account enterprise list --folder All --json
check "the server has $FIRST in $TO now (was $FROM)" [ "$(json "[m['partition'] for m in j['messages'] if m['id'] == '$FIRST'][0]")" = "$TO" ]
keys m
wait_message "m asks again" '^Move to partition'
lit "NOWHERE"
keys Enter
wait_message "an unknown partition is refused" 'no partition called NOWHERE'
tui_quit

provider_start --now "$(today_noon)"
tui_start --account enterprise
wait_loaded
keys m
wait_message "a 2.1 registry: moving is refused in words" 'does not let ebox-tui move'
tui_quit
done_testing
