#!/bin/sh
# Jamf Pro extension attribute: leakguard compliance of this Mac, from `agent check`.
# Prints one <result>...</result>: "compliant", "non-compliant: CONTROLS", "invalid-policy: ...",
# "error: ...", "not-installed" or "no-policy". A smart group on "is compliant" / "like
# non-compliant" then targets the Macs to remediate (e.g. a policy that runs `agent apply`).
# Runs as root at inventory update; changes nothing.
# LEAKGUARD_AGENT and LEAKGUARD_POLICY override the default paths (used by the tests).
agent=${LEAKGUARD_AGENT:-/usr/local/bin/agent}
policy=${LEAKGUARD_POLICY:-/Library/Application Support/leakguard/policy.yaml}

result() {
    printf '<result>%s</result>\n' "$1"
    exit 0
}

[ -x "$agent" ] || result "not-installed"
[ -f "$policy" ] || result "no-policy"

report=$(mktemp "${TMPDIR:-/tmp}/leakguard-ea.XXXXXX") || result "error: no temporary file"
trap 'rm -f "$report"' EXIT
"$agent" --format json --wait 60 check "$policy" >"$report" 2>/dev/null
code=$?

# Which controls and probes failed, from the JSON report (JavaScript for Automation parses it;
# without osascript the status alone is reported).
details() {
    if command -v osascript >/dev/null 2>&1; then
        osascript -l JavaScript -e '
            function run(argv) {
                var r = JSON.parse($.NSString.stringWithContentsOfFileEncodingError(argv[0], $.NSUTF8StringEncoding, null).js);
                var bad = (r.controls || []).filter(function (c) { return ["non-compliant", "failed", "unknown"].indexOf(c.status) >= 0; })
                    .map(function (c) { return c.id; });
                var leaks = (r.probes || []).filter(function (p) { return p.passed === false; })
                    .map(function (p) { return p.kind + " " + p.target; });
                return bad.concat(leaks).join(", ");
            }' "$report" 2>/dev/null
    fi
}

case $code in
    0) result "compliant" ;;
    3) failed=$(details); result "non-compliant${failed:+: $failed}" ;;
    2) result "invalid-policy: $policy" ;;
    *) result "error: agent exit $code" ;;
esac
