package org.leakguard.platform.windows;

/**
 * The PowerShell scripts, fixed text. Values come only from {@code $in} (JSON on standard input,
 * see {@link PowerShell}); lists are forced with {@code @(...)} and objects built field by field
 * so that ConvertTo-Json prints the same shape on Windows PowerShell 5.1 and PowerShell 7.
 */
final class Scripts {
    private Scripts() {}

    /** Prints a list as a JSON array, or nothing for an empty list. */
    private static final String PRINT = "if ($r.Count -gt 0) { ConvertTo-Json -Compress -Depth 6 -InputObject $r }";

    /** The one adapter with the GUID in the data; its alias is only ever a value, never code. */
    private static final String ADAPTER = "$a = @(Get-NetAdapter -IncludeHidden | Where-Object { $_.InterfaceGuid -eq $in.subject.guid });"
            + " if ($a.Count -ne 1) { throw ('no single adapter with GUID ' + $in.subject.guid) }; $a = $a[0]; ";

    /**
     * Static servers for one adapter, both families at once, then a cache flush. The reset first
     * clears a family the policy lists no server for, so no old static server of it survives.
     */
    static final String DNS_SET = ADAPTER
            + "Set-DnsClientServerAddress -InterfaceIndex $a.ifIndex -ResetServerAddresses; "
            + "Set-DnsClientServerAddress -InterfaceIndex $a.ifIndex -ServerAddresses @($in.state.servers); Clear-DnsClientCache";

    /** Back to DHCP, then the old static servers if there were any. */
    static final String DNS_RESTORE = ADAPTER
            + "Set-DnsClientServerAddress -InterfaceIndex $a.ifIndex -ResetServerAddresses; "
            + "$old = @(@($in.state.ipv4) + @($in.state.ipv6) | Where-Object { $_ }); "
            + "if ($old.Count -gt 0) { Set-DnsClientServerAddress -InterfaceIndex $a.ifIndex -ServerAddresses $old }; "
            + "Clear-DnsClientCache";

    /**
     * The GUIDs Get-NetAdapter lists. RAS, PPP and some VPN adapters are not among them: the
     * scripts that find an adapter by GUID cannot reach those, so they are not pinned.
     */
    static final String NET_ADAPTERS = "$r = @(Get-NetAdapter -IncludeHidden | ForEach-Object { [string]$_.InterfaceGuid }); " + PRINT;

    static final String NRPT_READ = "$r = @(Get-DnsClientNrptRule | Where-Object { $_.DisplayName -eq $in.subject.name }"
            + " | ForEach-Object { [ordered]@{ namespace = @($_.Namespace); nameServers = @($_.NameServers) } }); " + PRINT;

    static final String NRPT_REMOVE = "Get-DnsClientNrptRule | Where-Object { $_.DisplayName -eq $in.subject.name }"
            + " | Remove-DnsClientNrptRule -Force; Clear-DnsClientCache";

    static final String NRPT_REPLACE = NRPT_REMOVE + "; foreach ($x in @($in.state)) { Add-DnsClientNrptRule"
            + " -Namespace @($x.namespace) -NameServers @($x.nameServers) -DisplayName $in.subject.name"
            + " -Comment 'Managed by leakguard' }; Clear-DnsClientCache";

    /** leakguard's rules (display name {@code $in.subject.name}) listing the namespace {@code $in.subject.namespace}, by Name. */
    private static final String NRPT_THIS = "@(Get-DnsClientNrptRule | Where-Object { $_.DisplayName -eq $in.subject.name -and"
            + " @($_.Namespace) -contains $in.subject.namespace } | Sort-Object Name)";

    /** One of leakguard's rules (more than one only if someone copied it), in the form {@link NrptRule} reads. */
    static final String NRPT_RULE_READ = "$r = @(" + NRPT_THIS + " | ForEach-Object {"
            + " [ordered]@{ namespace = @($_.Namespace); nameServers = @($_.NameServers) } }); " + PRINT;

    /**
     * Makes the rules for one namespace exactly {@code $in.state}: a rule that exists is changed in
     * place (Set-DnsClientNrptRule), so its names never fall through to other servers meanwhile;
     * missing ones are added, surplus ones removed.
     */
    static final String NRPT_RULE_REPLACE = "$old = " + NRPT_THIS + "; $x = @($in.state);"
            + " for ($i = 0; $i -lt [Math]::Max($old.Count, $x.Count); $i++) {"
            + " if ($i -ge $x.Count) { Remove-DnsClientNrptRule -Name $old[$i].Name -Force }"
            + " elseif ($i -lt $old.Count) { Set-DnsClientNrptRule -Name $old[$i].Name -Namespace @($x[$i].namespace)"
            + " -NameServers @($x[$i].nameServers) }"
            + " else { Add-DnsClientNrptRule -Namespace @($x[$i].namespace) -NameServers @($x[$i].nameServers)"
            + " -DisplayName $in.subject.name -Comment 'Managed by leakguard' } }; Clear-DnsClientCache";

    static final String NRPT_RULE_REMOVE = NRPT_THIS + " | Remove-DnsClientNrptRule -Force; Clear-DnsClientCache";

    /** Every local NRPT rule, whoever made it, for diagnose. */
    static final String NRPT_RULES = "$r = @(Get-DnsClientNrptRule | Sort-Object Name | ForEach-Object { [ordered]@{"
            + " name = [string]$_.Name; displayName = [string]$_.DisplayName; namespace = @($_.Namespace);"
            + " nameServers = @($_.NameServers | Where-Object { $_ }); directAccessDnsServers = @($_.DirectAccessDnsServers"
            + " | Where-Object { $_ }) } }); " + PRINT;

    /** The NRPT the DNS client applies (Group Policy's rules when it has any, else the local ones), one entry per namespace. */
    static final String NRPT_POLICY = "$r = @(Get-DnsClientNrptPolicy -Effective | ForEach-Object { [ordered]@{"
            + " namespace = [string]$_.Namespace; nameServers = @($_.NameServers | Where-Object { $_ });"
            + " directAccessDnsServers = @($_.DirectAccessDnsServers | Where-Object { $_ }) } }); " + PRINT;

    /**
     * One rule as {@link FirewallRule} reads it; enums as their names, which no display language
     * changes; the program as its application filter prints it ("Any" for every program).
     */
    private static final String FIREWALL_RULE = "$p = $_ | Get-NetFirewallPortFilter; $f = $_ | Get-NetFirewallAddressFilter;"
            + " $a = $_ | Get-NetFirewallApplicationFilter;"
            + " [ordered]@{ name = $_.Name; displayName = $_.DisplayName; direction = [string]$_.Direction;"
            + " action = [string]$_.Action; enabled = [string]$_.Enabled; protocol = [string]$p.Protocol;"
            + " remotePort = @($p.RemotePort); remoteAddress = @($f.RemoteAddress); program = [string]$a.Program }";

    /**
     * The group's rules in effect: the active store, where Group Policy's rules and settings are
     * merged with the local ones. Get-NetFirewallRule lists rules in no promised order; they are
     * sorted by Name, and compared by name, never by position.
     */
    static final String FIREWALL_READ = "$r = @(Get-NetFirewallRule -PolicyStore ActiveStore -Group $in.subject.group"
            + " -ErrorAction SilentlyContinue | Sort-Object Name | ForEach-Object { " + FIREWALL_RULE + " }); " + PRINT;

    /**
     * The group's rules as stored locally, the store leakguard writes: what a change compares with,
     * so rules Group Policy keeps out of effect are not written again and again.
     */
    static final String FIREWALL_STORED = "$r = @(Get-NetFirewallRule -PolicyStore PersistentStore -Group $in.subject.group"
            + " -ErrorAction SilentlyContinue | Sort-Object Name | ForEach-Object { " + FIREWALL_RULE + " }); " + PRINT;

    /** One of leakguard's rules as stored locally (the store leakguard writes), or nothing. */
    static final String FIREWALL_RULE_READ = "$r = @(Get-NetFirewallRule -PolicyStore PersistentStore -Name $in.subject.name"
            + " -ErrorAction SilentlyContinue | ForEach-Object { " + FIREWALL_RULE + " }); " + PRINT;

    /**
     * Makes one rule exactly {@code $in.state}: changed in place when it exists, so the old rule
     * blocks until the new one does; created when it does not; removed when the state is empty.
     * The program (an exception's path, as a value) is always passed, "Any" when the rule has none:
     * Set-NetFirewallRule without -Program keeps the old one, so a program could never be cleared and
     * a rollback to "every program" would not be exact.
     */
    static final String FIREWALL_RULE_REPLACE = "$x = @($in.state); $old = Get-NetFirewallRule -PolicyStore PersistentStore"
            + " -Name $in.subject.name -ErrorAction SilentlyContinue; if ($x.Count -eq 0) { if ($old) { Remove-NetFirewallRule"
            + " -PolicyStore PersistentStore -Name $in.subject.name } } else { $x = $x[0];"
            + " $program = if ($x.program) { [string]$x.program } else { 'Any' }; if ($old) { Set-NetFirewallRule"
            + " -PolicyStore PersistentStore -Name $in.subject.name -NewDisplayName $x.displayName -Direction $x.direction"
            + " -Action $x.action -Enabled $x.enabled -Protocol $x.protocol -RemotePort @($x.remotePort)"
            + " -RemoteAddress @($x.remoteAddress) -Program $program } else { New-NetFirewallRule -PolicyStore PersistentStore"
            + " -Name $in.subject.name -DisplayName $x.displayName -Group $in.subject.group -Direction $x.direction -Action $x.action"
            + " -Enabled $x.enabled -Protocol $x.protocol -RemotePort @($x.remotePort) -RemoteAddress @($x.remoteAddress)"
            + " -Program $program | Out-Null } }";

    static final String FIREWALL_RULE_REMOVE = "Remove-NetFirewallRule -PolicyStore PersistentStore -Name $in.subject.name"
            + " -ErrorAction SilentlyContinue";

    /**
     * Per profile, in effect (Group Policy merged): whether Windows Firewall is on, and whether
     * local rules count at all (AllowLocalFirewallRules False: every local rule is ignored).
     */
    static final String FIREWALL_PROFILES = "$r = @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {"
            + " [ordered]@{ name = [string]$_.Name; enabled = [string]$_.Enabled;"
            + " allowLocalFirewallRules = [string]$_.AllowLocalFirewallRules } }); " + PRINT;

    static final String BINDING_READ = ADAPTER + "$b = Get-NetAdapterBinding -Name $a.Name -ComponentID ms_tcpip6 -IncludeHidden;"
            + " ConvertTo-Json -Compress -InputObject ([ordered]@{ enabled = [bool]$b.Enabled })";

    static final String BINDING_REPLACE = ADAPTER + "if ($in.state.enabled) { Enable-NetAdapterBinding -Name $a.Name"
            + " -ComponentID ms_tcpip6 -IncludeHidden } else { Disable-NetAdapterBinding -Name $a.Name -ComponentID ms_tcpip6"
            + " -IncludeHidden }";

    /** Every adapter's IPv6 binding, by GUID. */
    static final String BINDINGS = "$r = @(Get-NetAdapter -IncludeHidden | ForEach-Object { $b = Get-NetAdapterBinding"
            + " -Name $_.Name -ComponentID ms_tcpip6 -IncludeHidden -ErrorAction SilentlyContinue; if ($b) {"
            + " [ordered]@{ guid = [string]$_.InterfaceGuid; alias = $_.Name; enabled = [bool]$b.Enabled } } }); " + PRINT;

    /** One DoH entry as the fields {@link DohEntry} reads: names and booleans, never localized text. */
    private static final String DOH_ENTRY = "[ordered]@{ server = [string]$_.ServerAddress; template = [string]$_.DohTemplate;"
            + " autoUpgrade = [bool]$_.AutoUpgrade; udpFallback = [bool]$_.AllowFallbackToUdp }";

    /** The whole DoH list, and whether this Windows has a DoH client at all (the cmdlet exists). */
    static final String DOH_LIST = "if (-not (Get-Command Get-DnsClientDohServerAddress -ErrorAction SilentlyContinue)) {"
            + " ConvertTo-Json -Compress -InputObject ([ordered]@{ client = $false }) } else {"
            + " $r = @(Get-DnsClientDohServerAddress | ForEach-Object { " + DOH_ENTRY + " });"
            + " ConvertTo-Json -Compress -Depth 4 -InputObject ([ordered]@{ client = $true; servers = $r }) }";

    private static final String DOH_THIS = "@(Get-DnsClientDohServerAddress | Where-Object { $_.ServerAddress -eq $in.subject.server })";

    static final String DOH_READ = "$r = @(" + DOH_THIS + " | ForEach-Object { " + DOH_ENTRY + " }); " + PRINT;

    /** Set where the server is on the list (the built-in ones are), add where not. */
    static final String DOH_REPLACE = "$x = @($in.state)[0]; if (" + DOH_THIS + ".Count -gt 0) {"
            + " Set-DnsClientDohServerAddress -ServerAddress $in.subject.server -DohTemplate $x.template"
            + " -AutoUpgrade ([bool]$x.autoUpgrade) -AllowFallbackToUdp ([bool]$x.udpFallback) | Out-Null } else {"
            + " Add-DnsClientDohServerAddress -ServerAddress $in.subject.server -DohTemplate $x.template"
            + " -AutoUpgrade ([bool]$x.autoUpgrade) -AllowFallbackToUdp ([bool]$x.udpFallback) | Out-Null }";

    static final String DOH_REMOVE = "if (" + DOH_THIS + ".Count -gt 0) {"
            + " Remove-DnsClientDohServerAddress -ServerAddress $in.subject.server | Out-Null }";

    /**
     * Hyper-V and WSL: whether this Windows has the Hyper-V firewall (Windows 11 22H2 and later),
     * its VM creators, the settings in effect for the VM creator {@code $in.subject.creator} (WSL's:
     * whether that firewall is on for it at all), the Hyper-V VMs, and whether the WSL VM runs (its
     * process, vmmemWSL or vmmem). Enums as their names, which no display language changes.
     */
    static final String HYPERV_STATE = "$fw = [bool](Get-Command New-NetFirewallHyperVRule -ErrorAction SilentlyContinue);"
            + " $creators = @(); $setting = $null; if ($fw) { $creators = @(Get-NetFirewallHyperVVMCreator -ErrorAction SilentlyContinue | ForEach-Object {"
            + " [ordered]@{ id = [string]$_.VMCreatorId; name = [string]$_.FriendlyName } });"
            + " $setting = @(Get-NetFirewallHyperVVMSetting -PolicyStore ActiveStore -Name $in.subject.creator -ErrorAction SilentlyContinue"
            + " | ForEach-Object { [ordered]@{ enabled = [string]$_.Enabled; defaultOutboundAction = [string]$_.DefaultOutboundAction;"
            + " allowHostPolicyMerge = [string]$_.AllowHostPolicyMerge } }) | Select-Object -First 1 };"
            + " $vms = @(); if (Get-Command Get-VM -ErrorAction SilentlyContinue) { $vms = @(Get-VM -ErrorAction SilentlyContinue"
            + " | ForEach-Object { [ordered]@{ name = [string]$_.Name; state = [string]$_.State } }) };"
            + " $wsl = @(Get-Process -Name vmmemWSL, vmmem -ErrorAction SilentlyContinue).Count -gt 0;"
            + " ConvertTo-Json -Compress -Depth 4 -InputObject ([ordered]@{ hyperVFirewall = $fw; creators = $creators;"
            + " vmSetting = $setting; vms = $vms; wslRunning = $wsl })";

    private static final String HYPERV_RULE = "[ordered]@{ name = $_.Name; displayName = $_.DisplayName;"
            + " direction = [string]$_.Direction; action = [string]$_.Action; enabled = [string]$_.Enabled;"
            + " vmCreatorId = [string]$_.VMCreatorId; protocol = [string]$_.Protocol; remotePort = @($_.RemotePorts);"
            + " remoteAddress = @($_.RemoteAddresses) }";

    /** leakguard's Hyper-V firewall rules (their names start with {@code $in.subject.prefix}), sorted by Name. */
    static final String HYPERV_READ = "$r = @(Get-NetFirewallHyperVRule -ErrorAction SilentlyContinue | Where-Object {"
            + " $_.Name -like ($in.subject.prefix + '*') } | Sort-Object Name | ForEach-Object { " + HYPERV_RULE + " }); " + PRINT;

    static final String HYPERV_RULE_READ = "$r = @(Get-NetFirewallHyperVRule -Name $in.subject.name -ErrorAction SilentlyContinue"
            + " | ForEach-Object { " + HYPERV_RULE + " }); " + PRINT;

    /**
     * Set-NetFirewallHyperVRule changes addresses, ports and protocol in place; it cannot change the
     * direction or action, so a rule wrong in those (which blocks nothing the policy asks for) is
     * made again.
     */
    static final String HYPERV_RULE_REPLACE = "$x = @($in.state); $old = Get-NetFirewallHyperVRule -Name $in.subject.name"
            + " -ErrorAction SilentlyContinue; if ($old -and ($x.Count -eq 0 -or [string]$old.Direction -ne $x[0].direction -or"
            + " [string]$old.Action -ne $x[0].action)) { Remove-NetFirewallHyperVRule -Name $in.subject.name; $old = $null };"
            + " if ($x.Count -gt 0) { $x = $x[0]; if ($old) { Set-NetFirewallHyperVRule -Name $in.subject.name"
            + " -NewDisplayName $x.displayName -VMCreatorId $x.vmCreatorId -Protocol $x.protocol -RemotePorts @($x.remotePort)"
            + " -RemoteAddresses @($x.remoteAddress); if ($x.enabled -eq 'True') { Enable-NetFirewallHyperVRule -Name"
            + " $in.subject.name } else { Disable-NetFirewallHyperVRule -Name $in.subject.name } } else { New-NetFirewallHyperVRule"
            + " -Name $in.subject.name -DisplayName $x.displayName -Direction $x.direction -Action $x.action -Enabled $x.enabled"
            + " -VMCreatorId $x.vmCreatorId -Protocol $x.protocol -RemotePorts @($x.remotePort)"
            + " -RemoteAddresses @($x.remoteAddress) | Out-Null } }";

    static final String HYPERV_RULE_REMOVE = "Remove-NetFirewallHyperVRule -Name $in.subject.name -ErrorAction SilentlyContinue";
}
