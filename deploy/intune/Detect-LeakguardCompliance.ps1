<#
.SYNOPSIS
    Intune Remediations, detection script: is this host compliant with the leakguard policy?
.DESCRIPTION
    Runs `agent check` (settings and leak probes; changes nothing). Intune's contract: exit 0 =
    compliant, the remediation does not run; exit 1 = issue found, the remediation runs. Writes
    exactly one line to stdout, which Intune shows as the detection output. An agent or policy
    that is missing, or an agent error, is an issue too: the remediation then reports why.
    Run as SYSTEM, in 64-bit PowerShell.
#>
# Intune uploads each script on its own, so the two cannot share a helper file.
$ErrorActionPreference = 'Stop'
$Agent = Join-Path $env:ProgramFiles 'leakguard\bin\agent.cmd'
$Policy = Join-Path $env:ProgramData 'leakguard\policy.yaml'

if (-not (Test-Path -LiteralPath $Agent -PathType Leaf)) {
    Write-Output "leakguard: agent not installed at $Agent"
    exit 1
}
if (-not (Test-Path -LiteralPath $Policy -PathType Leaf)) {
    Write-Output "leakguard: no policy at $Policy"
    exit 1
}

# The agent's stderr is left alone: Intune records it as the script's error output.
$json = (& $Agent '--format' 'json' '--wait' '60' 'check' $Policy) -join "`n"
$code = $LASTEXITCODE

$detail = ''
try {
    $report = $json | ConvertFrom-Json
    $bad = @($report.controls | Where-Object { $_.status -in @('non-compliant', 'failed', 'unknown') } | ForEach-Object { $_.id })
    $leaks = @($report.probes | Where-Object { $_.passed -eq $false } | ForEach-Object { "$($_.kind) $($_.target)" })
    $detail = (@($bad) + @($leaks)) -join ', '
} catch {
    $detail = 'no JSON report'
}

switch ($code) {
    0 { Write-Output 'leakguard: compliant'; exit 0 }
    3 { Write-Output "leakguard: non-compliant: $detail"; exit 1 }
    2 { Write-Output "leakguard: invalid policy $Policy (exit 2): $detail"; exit 1 }
    default { Write-Output "leakguard: check failed (exit $code): $detail"; exit 1 }
}
