# After `azd provision`: configure the Entra app registration ENTRA_CLIENT_ID for this deployment
# (sign-in redirect URI, ID tokens, api:// identifier, the Coordinator and Panel app roles), then
# print what a person must still do. Safe to run again: it keeps existing role ids.
# Needs the Azure CLI signed in as an owner of the app registration (`az login`).
$ErrorActionPreference = 'Stop'

$app = $env:ENTRA_CLIENT_ID
if (-not $app) { throw 'Set ENTRA_CLIENT_ID (azd env set ENTRA_CLIENT_ID <application id>)' }
$callback = "$($env:SERVICE_API_URI)/.auth/login/aad/callback"

function RoleId([string] $value)
{
    $id = az ad app show --id $app --query "appRoles[?value=='$value'].id | [0]" --output tsv
    if ($id) { $id } else { [guid]::NewGuid().ToString() }
}

$uris = @(az ad app show --id $app --query 'web.redirectUris' --output json | ConvertFrom-Json)
if ($uris -notcontains $callback)
{
    az ad app update --id $app --web-redirect-uris @($uris + $callback) --output none
    Write-Host "Added redirect URI $callback"
}

az ad app update --id $app --enable-id-token-issuance true --identifier-uris "api://$app" --output none
Write-Host "ID token issuance on; identifier URI api://$app"

$roles = @(
    @{ id = (RoleId 'Coordinator'); value = 'Coordinator'; displayName = 'Coordinator'
       description = 'Audit coordinators: the calendar, chasing, findings, actions and audit trail.'
       allowedMemberTypes = @('User'); isEnabled = $true },
    @{ id = (RoleId 'Panel'); value = 'Panel'; displayName = 'Panel'
       description = 'Panel (QA sub-group) members: read the findings.'
       allowedMemberTypes = @('User'); isEnabled = $true }
)
$file = New-TemporaryFile
try
{
    ConvertTo-Json -InputObject $roles -Depth 4 | Set-Content -Path $file -Encoding utf8
    az ad app update --id $app --app-roles "@$file" --output none
}
finally
{
    Remove-Item $file
}
Write-Host 'App roles Coordinator and Panel in place'

# The expiry alert needs the client secret's end date; read it from the registration once.
if (-not $env:ENTRA_CLIENT_SECRET_EXPIRY)
{
    $end = az ad app credential list --id $app --query 'sort_by(@, &endDateTime)[0].endDateTime' --output tsv
    if ($end)
    {
        $expiry = $end.Substring(0, 10)
        azd env set ENTRA_CLIENT_SECRET_EXPIRY $expiry
        Write-Host "Client secret expires $expiry (earliest of the registration's secrets); run azd provision once more to deploy its expiry alert."
    }
}

Write-Host @'

Still to do by a person (see docs/OPERATIONS.md):
  1. Entra admin centre > Enterprise applications > this app > Users and groups: assign the
     coordinators to Coordinator and the panel members to Panel; Properties: Assignment required = Yes.
  2. API permissions: Microsoft Graph application permission TeamsActivity.Send, then
     Grant admin consent (a Global or Privileged Role Administrator).
  3. When the client secret is replaced, record its expiry for the expiry alert:
     azd env set ENTRA_CLIENT_SECRET_EXPIRY yyyy-MM-dd; azd provision
  4. Confirm the alert email subscription sent to ALERT_EMAIL by the action group.
'@
