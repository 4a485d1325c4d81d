#!/bin/sh
# After `azd provision`: configure the Entra app registration ENTRA_CLIENT_ID for this deployment
# (sign-in redirect URI, ID tokens, api:// identifier, the Coordinator and Panel app roles), then
# print what a person must still do. Safe to run again: it keeps existing role ids.
# Needs the Azure CLI signed in as an owner of the app registration (`az login`).
set -eu

app="${ENTRA_CLIENT_ID:?Set ENTRA_CLIENT_ID (azd env set ENTRA_CLIENT_ID <application id>)}"
base="${SERVICE_API_URI:?SERVICE_API_URI is an output of the deployment}"
callback="${base}/.auth/login/aad/callback"

uuid() { cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen | tr 'A-Z' 'a-z'; }
role_id() {
  id=$(az ad app show --id "$app" --query "appRoles[?value=='$1'].id | [0]" --output tsv)
  [ -n "$id" ] && echo "$id" || uuid
}

uris=$(az ad app show --id "$app" --query "web.redirectUris" --output tsv | tr '\t' '\n')
if ! printf '%s\n' "$uris" | grep -qx "$callback"; then
  # shellcheck disable=SC2086
  az ad app update --id "$app" --web-redirect-uris $uris "$callback" --output none
  echo "Added redirect URI $callback"
fi

az ad app update --id "$app" --enable-id-token-issuance true --identifier-uris "api://$app" --output none
echo "ID token issuance on; identifier URI api://$app"

roles=$(mktemp)
trap 'rm -f "$roles"' EXIT
cat > "$roles" <<JSON
[
  { "id": "$(role_id Coordinator)", "value": "Coordinator", "displayName": "Coordinator",
    "description": "Audit coordinators: the calendar, chasing, findings, actions and audit trail.",
    "allowedMemberTypes": ["User"], "isEnabled": true },
  { "id": "$(role_id Panel)", "value": "Panel", "displayName": "Panel",
    "description": "Panel (QA sub-group) members: read the findings.",
    "allowedMemberTypes": ["User"], "isEnabled": true }
]
JSON
az ad app update --id "$app" --app-roles "@$roles" --output none
echo "App roles Coordinator and Panel in place"

# The expiry alert needs the client secret's end date; read it from the registration once.
if [ -z "${ENTRA_CLIENT_SECRET_EXPIRY:-}" ]; then
  expiry=$(az ad app credential list --id "$app" --query "sort_by(@, &endDateTime)[0].endDateTime" --output tsv | cut -c1-10)
  if [ -n "$expiry" ]; then
    azd env set ENTRA_CLIENT_SECRET_EXPIRY "$expiry"
    echo "Client secret expires $expiry (earliest of the registration's secrets); run azd provision once more to deploy its expiry alert."
  fi
fi

cat <<TEXT

Still to do by a person (see docs/OPERATIONS.md):
  1. Entra admin centre > Enterprise applications > this app > Users and groups: assign the
     coordinators to Coordinator and the panel members to Panel; Properties: Assignment required = Yes.
  2. API permissions: Microsoft Graph application permission TeamsActivity.Send, then
     Grant admin consent (a Global or Privileged Role Administrator).
  3. When the client secret is replaced, record its expiry for the expiry alert:
     azd env set ENTRA_CLIENT_SECRET_EXPIRY yyyy-MM-dd && azd provision
  4. Confirm the alert email subscription sent to ALERT_EMAIL by the action group.
TEXT
