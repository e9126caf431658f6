<#
.SYNOPSIS
    Intune Remediations, remediation script: apply the leakguard policy, verified.
.DESCRIPTION
    Runs `agent apply`: the agent proves the result with real DNS traffic and rolls everything
    back if it does not hold. Exit 0 = remediated and verified; exit 1 = not remediated, with one
    line to stdout saying why (Intune shows it as the remediation output). "Applied but not
    proven" (agent exit 3) is not a success here: the change is kept, and the next detection
    run checks it again. Run as SYSTEM, in 64-bit PowerShell.
#>
# Intune uploads each script on its own, so the two cannot share a helper file.
$ErrorActionPreference = 'Stop'
$Agent = Join-Path $env:ProgramFiles 'leakguard\bin\agent.cmd'
$Policy = Join-Path $env:ProgramData 'leakguard\policy.yaml'

if (-not (Test-Path -LiteralPath $Agent -PathType Leaf)) {
    Write-Output "leakguard: cannot remediate, agent not installed at $Agent"
    exit 1
}
if (-not (Test-Path -LiteralPath $Policy -PathType Leaf)) {
    Write-Output "leakguard: cannot remediate, no policy at $Policy"
    exit 1
}

$json = (& $Agent '--format' 'json' '--wait' '120' 'apply' $Policy) -join "`n"
$code = $LASTEXITCODE

$detail = ''
try {
    $report = $json | ConvertFrom-Json
    $detail = @($report.messages) -join '; '
    if ($report.transaction) { $detail = "transaction $($report.transaction). $detail" }
} catch {
    $detail = 'no JSON report'
}

switch ($code) {
    0 { Write-Output "leakguard: remediated and verified. $detail"; exit 0 }
    3 { Write-Output "leakguard: applied but not proven (a probe could not tell), change kept. $detail"; exit 1 }
    4 { Write-Output "leakguard: verification failed, everything rolled back. $detail"; exit 1 }
    5 { Write-Output "leakguard: ROLLBACK INCOMPLETE, a person must act. $detail"; exit 1 }
    default { Write-Output "leakguard: apply failed (exit $code). $detail"; exit 1 }
}
