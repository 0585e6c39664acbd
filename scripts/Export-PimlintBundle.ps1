#Requires -Version 7.2
#Requires -Modules Microsoft.Graph.Authentication

<#
.SYNOPSIS
    Collects a pimlint bundle from Microsoft Graph: read-only GET requests, written as JSON files.

.DESCRIPTION
    Writes one <section>.json file per section of the pimlint export bundle into -OutputPath, plus a
    manifest.json. Each section file is a Graph list envelope {"value": [...]} holding every page of
    the response; the objects inside are kept exactly as Graph returned them (no re-serialisation,
    so dates and casing are untouched). Files are UTF-8 without a byte-order mark.

    What is collected (see docs/collecting.md for the request, permission and licence of each):
      - directory roles: definitions, active assignments, schedule instances and schedules;
      - PIM policies (rules expanded) and policy assignments for the DirectoryRole scope and for
        every PIM-for-Groups group found (member and owner policies);
      - PIM for Groups eligibility and assignment instances, probed group by group for every
        role-assignable group (Graph has no "list all PIM groups" call);
      - users (with signInActivity unless -SkipSignIns), groups with their members and owners,
        service principals with their appRoleAssignments and owners, applications with owners,
        administrative units;
      - Conditional Access policies, authentication strengths, authentication method registration;
      - PIM audit events and the interactive sign-ins of every user who holds a directory role,
        over the last -AuditDays days;
      - access review definitions, organization, subscribed SKUs.

    Only GET requests are made; nothing in the tenant is changed. A section whose requests fail
    (missing permission or licence) is skipped with a warning and no file is written for it, so
    pimlint reports the rules that need it as not_evaluated instead of passing them.

    Azure resource PIM (ARM) is not collected here; docs/collecting.md shows the requests.

    This script is a starting point. Read it before you run it, and adapt it to your tenant.

.PARAMETER OutputPath
    Folder to write the bundle into. It must not exist yet or be empty, so that files from an
    earlier run can never be mixed into this one.

.PARAMETER AuditDays
    How many days of PIM audit events and sign-ins to export, counted back from the start of the
    run. Entra ID keeps both logs for 30 days (P1/P2), so 30 is the default and the maximum.

.PARAMETER Timezone
    IANA time zone name (for example Europe/Berlin) written to manifest.json; pimlint uses it for
    business-hours rules. Omit it to leave the choice to pimlint.toml.

.PARAMETER SkipSignIns
    Collect no sign-in data: no signIns.json and no signInActivity on users. Use it for tenants
    without Entra ID P1, or when sign-in data must not leave the tenant. Rules that need sign-in
    data then report not_evaluated.

.EXAMPLE
    ./Export-PimlintBundle.ps1 -OutputPath ./contoso-2026-11-20 -Timezone Europe/Berlin

    Signs in interactively with read-only delegated scopes and writes the bundle.

.EXAMPLE
    Connect-MgGraph -TenantId contoso.onmicrosoft.com -ClientId $appId -CertificateThumbprint $thumb
    ./Export-PimlintBundle.ps1 -OutputPath ./contoso -SkipSignIns

    App-only: connect first with an app registration that holds the application permissions listed
    in docs/collecting.md; the script reuses that connection.

.NOTES
    Needs PowerShell 7.2 or later and the Microsoft.Graph.Authentication module
    (Install-Module Microsoft.Graph.Authentication). pimlint itself never connects anywhere; this
    script is the separate, optional collection step.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $OutputPath,

    [ValidateRange(1, 30)]
    [int] $AuditDays = 30,

    [ValidatePattern('^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$')]
    [string] $Timezone,

    [switch] $SkipSignIns
)

$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Text.Json

# Read-only delegated scopes, one per kind of data. Directory.Read.All is only there because
# GET /auditLogs/directoryAudits requires it together with AuditLog.Read.All.
$Scopes = @(
    'Organization.Read.All'                             # subscribedSkus, organization
    'RoleManagement.Read.Directory'                     # role definitions, assignments, schedules, policies
    'RoleManagementPolicy.Read.AzureADGroup'            # PIM for Groups policies
    'PrivilegedEligibilitySchedule.Read.AzureADGroup'   # PIM for Groups eligibilities
    'PrivilegedAssignmentSchedule.Read.AzureADGroup'    # PIM for Groups active assignments
    'User.Read.All'                                     # users
    'GroupMember.Read.All'                              # groups, members, owners
    'Application.Read.All'                              # applications, service principals, owners
    'AdministrativeUnit.Read.All'                       # administrative units
    'Policy.Read.All'                                   # Conditional Access, authentication strengths
    'AuditLog.Read.All'                                 # signInActivity, registration details, audits, sign-ins
    'Directory.Read.All'                                # needed with AuditLog.Read.All for directoryAudits
    'AccessReview.Read.All'                             # access review definitions
)

$Utf8NoBom = [System.Text.UTF8Encoding]::new($false)
$Collected = @{}   # section name -> raw JSON text of every object, only for sections written

#region Helpers

function Get-GraphUri {
    # Builds a Graph v1.0 URL. Query values are passed unencoded, as Invoke-MgGraphRequest expects.
    param(
        [Parameter(Mandatory)] [string] $Path,
        [System.Collections.IDictionary] $Query = @{}
    )
    $pairs = foreach ($key in $Query.Keys) { '{0}={1}' -f $key, $Query[$key] }
    if ($pairs) { return '{0}{1}?{2}' -f $GraphBase, $Path, ($pairs -join '&') }
    return $GraphBase + $Path
}

function Get-GraphList {
    # Emits every object of a Graph list response as raw JSON text, following @odata.nextLink
    # until the last page. The text is cut out of the response unchanged.
    param([Parameter(Mandatory)] [string] $Uri)

    $next = $Uri
    while ($next) {
        $body = Invoke-MgGraphRequest -Method GET -Uri $next -OutputType Json -ErrorAction Stop
        $page = [System.Text.Json.JsonDocument]::Parse($body)
        try {
            foreach ($element in $page.RootElement.GetProperty('value').EnumerateArray()) {
                $element.GetRawText()
            }
            $next = $null
            $link = [System.Text.Json.JsonElement]::new()
            if ($page.RootElement.TryGetProperty('@odata.nextLink', [ref] $link)) {
                $next = $link.GetString()
            }
        }
        finally {
            $page.Dispose()
        }
    }
}

function ConvertTo-JsonArray {
    param([string[]] $Items)
    return '[' + ($Items -join ",`n") + ']'
}

function Add-JsonProperty {
    # Appends "Name": <ValueJson> to one JSON object given as text ('{ ... }', never empty:
    # every Graph object has at least an id).
    param([string] $ObjectJson, [string] $Name, [string] $ValueJson)
    $object = $ObjectJson.TrimEnd()
    return $object.Substring(0, $object.Length - 1) + ',"' + $Name + '":' + $ValueJson + '}'
}

function Get-JsonId {
    # -AsHashtable: large objects may hold keys that differ only in case, which objects refuse.
    param([string] $ObjectJson)
    return (ConvertFrom-Json -InputObject $ObjectJson -AsHashtable)['id']
}

function Export-Section {
    # Runs the script block that collects one section and writes <Name>.json. If any request
    # fails, nothing is written: a missing section is reported by pimlint, a partial one is not.
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [scriptblock] $Collect
    )
    Write-Host "Collecting $Name ..."
    try {
        $items = @(& $Collect)
    }
    catch {
        Write-Warning "Skipped $Name.json: $($_.Exception.Message)"
        return
    }
    $text = '{"value":' + (ConvertTo-JsonArray $items) + '}'
    [System.IO.File]::WriteAllText((Join-Path $OutputPath "$Name.json"), $text, $Utf8NoBom)
    $script:Collected[$Name] = $items
}

#endregion

#region Start: output folder, connection, as-of time

if ((Test-Path -LiteralPath $OutputPath) -and (Get-ChildItem -LiteralPath $OutputPath -Force | Select-Object -First 1)) {
    throw "Output folder '$OutputPath' is not empty. Choose a new folder for each export."
}
$OutputPath = (New-Item -ItemType Directory -Force -Path $OutputPath).FullName

$connectedHere = $false
if (-not (Get-MgContext)) {
    # The token lives only as long as this PowerShell process.
    Connect-MgGraph -Scopes $Scopes -ContextScope Process -NoWelcome
    $connectedHere = $true
}
$context = Get-MgContext
$GraphBase = (Get-MgEnvironment -Name $context.Environment).GraphEndpoint.TrimEnd('/') + '/v1.0'

# The moment the export starts is the as-of time of the bundle and the end of the audit window.
$startedAt = [DateTime]::UtcNow
$exportedAt = $startedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
$since = $startedAt.AddDays(-$AuditDays).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")

#endregion

try {
    #region Tenant and licences

    Export-Section 'organization' { Get-GraphList (Get-GraphUri '/organization') }
    Export-Section 'subscribedSkus' { Get-GraphList (Get-GraphUri '/subscribedSkus') }

    #endregion

    #region Directory roles

    Export-Section 'roleDefinitions' { Get-GraphList (Get-GraphUri '/roleManagement/directory/roleDefinitions') }
    Export-Section 'roleAssignments' { Get-GraphList (Get-GraphUri '/roleManagement/directory/roleAssignments') }
    Export-Section 'roleAssignmentScheduleInstances' {
        Get-GraphList (Get-GraphUri '/roleManagement/directory/roleAssignmentScheduleInstances')
    }
    Export-Section 'roleEligibilityScheduleInstances' {
        Get-GraphList (Get-GraphUri '/roleManagement/directory/roleEligibilityScheduleInstances')
    }
    Export-Section 'roleAssignmentSchedules' { Get-GraphList (Get-GraphUri '/roleManagement/directory/roleAssignmentSchedules') }
    Export-Section 'roleEligibilitySchedules' { Get-GraphList (Get-GraphUri '/roleManagement/directory/roleEligibilitySchedules') }

    #endregion

    #region Directory objects

    Export-Section 'users' {
        $fields = 'id,userPrincipalName,displayName,accountEnabled,userType,mail,onPremisesSyncEnabled,' +
                  'onPremisesImmutableId,assignedLicenses,createdDateTime'
        if ($SkipSignIns) {
            return Get-GraphList (Get-GraphUri '/users' @{ '$select' = $fields })
        }
        try {
            $users = @(Get-GraphList (Get-GraphUri '/users' @{ '$select' = "$fields,signInActivity" }))
        }
        catch {
            Write-Warning ("users: signInActivity is not readable (it needs Entra ID P1 and AuditLog.Read.All); " +
                           "exporting users without it. $($_.Exception.Message)")
            $users = @(Get-GraphList (Get-GraphUri '/users' @{ '$select' = $fields }))
        }
        $users
    }

    Export-Section 'groups' {
        $fields = 'id,displayName,isAssignableToRole,securityEnabled,mailEnabled,groupTypes'
        foreach ($group in Get-GraphList (Get-GraphUri '/groups' @{ '$select' = $fields })) {
            # $expand=members returns at most 20 members, so members and owners are listed per group.
            $id = Get-JsonId $group
            $members = @(Get-GraphList (Get-GraphUri "/groups/$id/members" @{ '$select' = 'id' }))
            $owners = @(Get-GraphList (Get-GraphUri "/groups/$id/owners" @{ '$select' = 'id' }))
            $group = Add-JsonProperty $group 'members' (ConvertTo-JsonArray $members)
            Add-JsonProperty $group 'owners' (ConvertTo-JsonArray $owners)
        }
    }

    Export-Section 'servicePrincipals' {
        foreach ($servicePrincipal in Get-GraphList (Get-GraphUri '/servicePrincipals')) {
            $id = Get-JsonId $servicePrincipal
            $appRoleAssignments = @(Get-GraphList (Get-GraphUri "/servicePrincipals/$id/appRoleAssignments"))
            $owners = @(Get-GraphList (Get-GraphUri "/servicePrincipals/$id/owners" @{ '$select' = 'id' }))
            $servicePrincipal = Add-JsonProperty $servicePrincipal 'appRoleAssignments' (ConvertTo-JsonArray $appRoleAssignments)
            Add-JsonProperty $servicePrincipal 'owners' (ConvertTo-JsonArray $owners)
        }
    }

    Export-Section 'applications' {
        foreach ($application in Get-GraphList (Get-GraphUri '/applications')) {
            $id = Get-JsonId $application
            $owners = @(Get-GraphList (Get-GraphUri "/applications/$id/owners" @{ '$select' = 'id' }))
            Add-JsonProperty $application 'owners' (ConvertTo-JsonArray $owners)
        }
    }

    Export-Section 'administrativeUnits' { Get-GraphList (Get-GraphUri '/directory/administrativeUnits') }

    #endregion

    #region PIM for Groups (needs groups) and PIM policies

    # There is no call that lists PIM-managed groups, and these APIs require a groupId filter:
    # probe each role-assignable group (the only groups that can hold directory roles).
    $roleAssignableGroupIds = @()
    if ($Collected.ContainsKey('groups')) {
        $roleAssignableGroupIds = @($Collected['groups'] | ConvertFrom-Json | Where-Object isAssignableToRole | ForEach-Object id)
    }
    else {
        Write-Warning 'groups.json is missing, so PIM for Groups is not collected.'
    }

    Export-Section 'privilegedAccessGroupEligibilityScheduleInstances' {
        foreach ($groupId in $roleAssignableGroupIds) {
            Get-GraphList (Get-GraphUri '/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances' @{
                '$filter' = "groupId eq '$groupId'"
            })
        }
    }
    Export-Section 'privilegedAccessGroupAssignmentScheduleInstances' {
        foreach ($groupId in $roleAssignableGroupIds) {
            Get-GraphList (Get-GraphUri '/identityGovernance/privilegedAccess/group/assignmentScheduleInstances' @{
                '$filter' = "groupId eq '$groupId'"
            })
        }
    }

    # Groups that PIM manages: those with at least one eligible or active member or owner.
    $pimGroupIds = @(
        @($Collected['privilegedAccessGroupEligibilityScheduleInstances']) +
        @($Collected['privilegedAccessGroupAssignmentScheduleInstances']) |
            Where-Object { $_ } | ConvertFrom-Json | ForEach-Object groupId | Sort-Object -Unique
    )

    # One list per file: the DirectoryRole scope (never also 'Directory', which returns the same
    # policies under Directory_ ids), then each PIM group (its member and owner policies).
    Export-Section 'roleManagementPolicies' {
        Get-GraphList (Get-GraphUri '/policies/roleManagementPolicies' ([ordered]@{
            '$filter' = "scopeId eq '/' and scopeType eq 'DirectoryRole'"
            '$expand' = 'rules'
        }))
        foreach ($groupId in $pimGroupIds) {
            Get-GraphList (Get-GraphUri '/policies/roleManagementPolicies' ([ordered]@{
                '$filter' = "scopeId eq '$groupId' and scopeType eq 'Group'"
                '$expand' = 'rules'
            }))
        }
    }
    Export-Section 'roleManagementPolicyAssignments' {
        Get-GraphList (Get-GraphUri '/policies/roleManagementPolicyAssignments' @{
            '$filter' = "scopeId eq '/' and scopeType eq 'DirectoryRole'"
        })
        foreach ($groupId in $pimGroupIds) {
            Get-GraphList (Get-GraphUri '/policies/roleManagementPolicyAssignments' @{
                '$filter' = "scopeId eq '$groupId' and scopeType eq 'Group'"
            })
        }
    }

    #endregion

    #region Authentication, Conditional Access, governance

    Export-Section 'conditionalAccessPolicies' { Get-GraphList (Get-GraphUri '/identity/conditionalAccess/policies') }
    Export-Section 'authenticationStrengthPolicies' { Get-GraphList (Get-GraphUri '/policies/authenticationStrengthPolicies') }
    Export-Section 'userRegistrationDetails' {
        Get-GraphList (Get-GraphUri '/reports/authenticationMethods/userRegistrationDetails')
    }
    Export-Section 'accessReviewDefinitions' { Get-GraphList (Get-GraphUri '/identityGovernance/accessReviews/definitions') }

    #endregion

    #region Logs over the audit window

    Export-Section 'directoryAudits' {
        Get-GraphList (Get-GraphUri '/auditLogs/directoryAudits' @{
            '$filter' = "loggedByService eq 'PIM' and activityDateTime ge $since"
        })
    }

    if ($SkipSignIns) {
        Write-Host 'Skipping signIns (-SkipSignIns).'
    }
    elseif (-not ($Collected.ContainsKey('roleAssignmentScheduleInstances') -and
                  $Collected.ContainsKey('roleEligibilityScheduleInstances'))) {
        Write-Warning 'Skipped signIns.json: the role holders are unknown because a role section is missing.'
    }
    else {
        # Everyone who holds a directory role, active or eligible, directly or through a group
        # (nested members and PIM for Groups included). Break-glass accounts hold Global
        # Administrator, so they are in this set.
        $holders = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        $holderSections = 'roleAssignments', 'roleAssignmentScheduleInstances', 'roleEligibilityScheduleInstances',
                          'privilegedAccessGroupEligibilityScheduleInstances', 'privilegedAccessGroupAssignmentScheduleInstances'
        foreach ($section in $holderSections) {
            foreach ($item in @($Collected[$section]) | Where-Object { $_ }) {
                $principalId = ($item | ConvertFrom-Json).principalId
                if ($principalId) { [void] $holders.Add($principalId) }
            }
        }

        $membersOf = @{}
        foreach ($group in @($Collected['groups']) | Where-Object { $_ } | ConvertFrom-Json) {
            $membersOf[$group.id] = @($group.members | ForEach-Object id)
        }
        $pending = [System.Collections.Generic.Queue[string]]::new([string[]] @($holders))
        while ($pending.Count -gt 0) {
            foreach ($memberId in @($membersOf[$pending.Dequeue()]) | Where-Object { $_ }) {
                if ($holders.Add($memberId)) { $pending.Enqueue($memberId) }
            }
        }

        # Keep users only (holders also include groups and service principals).
        $userIds = @($holders)
        if ($Collected.ContainsKey('users')) {
            $allUsers = [System.Collections.Generic.HashSet[string]]::new(
                [string[]] @($Collected['users'] | ConvertFrom-Json | ForEach-Object id),
                [StringComparer]::OrdinalIgnoreCase)
            $userIds = @($holders | Where-Object { $allUsers.Contains($_) })
        }

        Export-Section 'signIns' {
            foreach ($userId in $userIds) {
                Get-GraphList (Get-GraphUri '/auditLogs/signIns' @{
                    '$filter' = "userId eq '$userId' and createdDateTime ge $since"
                })
            }
        }
    }

    #endregion

    #region Manifest

    $tenantDomain = $null
    $displayName = $null
    if ($Collected.ContainsKey('organization') -and $Collected['organization'].Count -gt 0) {
        $organization = $Collected['organization'][0] | ConvertFrom-Json
        $displayName = $organization.displayName
        $tenantDomain = @($organization.verifiedDomains | Where-Object isInitial | ForEach-Object name) | Select-Object -First 1
    }

    $manifest = [ordered]@{ schemaVersion = 1; tenantId = $context.TenantId }
    if ($tenantDomain) { $manifest['tenantDomain'] = $tenantDomain }
    if ($displayName) { $manifest['displayName'] = $displayName }
    $manifest['exportedAt'] = $exportedAt
    $manifest['collector'] = 'Export-PimlintBundle.ps1'
    if ($Timezone) { $manifest['timezone'] = $Timezone }
    [System.IO.File]::WriteAllText((Join-Path $OutputPath 'manifest.json'),
                                   ($manifest | ConvertTo-Json), $Utf8NoBom)

    #endregion

    Write-Host ''
    Write-Host "Bundle written to $OutputPath (as of $exportedAt)."
    foreach ($name in $Collected.Keys | Sort-Object) {
        Write-Host ('  {0,-52} {1,8} objects' -f "$name.json", $Collected[$name].Count)
    }
    Write-Host 'Sections not listed above were skipped; pimlint reports the rules that need them as not_evaluated.'
}
finally {
    if ($connectedHere) { Disconnect-MgGraph | Out-Null }
}
