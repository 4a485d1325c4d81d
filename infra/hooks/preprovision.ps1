# Before `azd provision`: if this environment's Key Vault was deleted (by `azd down`), recover it.
# Purge protection holds a deleted vault's name for 90 days, so without this a second `azd up`
# fails. Needs the Azure CLI signed in to the same subscription (`az login`).
$ErrorActionPreference = 'Stop'

$query = "[?properties.tags.""azd-env-name""=='$($env:AZURE_ENV_NAME)' && properties.location=='$($env:AZURE_LOCATION)'].name | [0]"
$deleted = az keyvault list-deleted --resource-type vault --query $query --output tsv 2>$null
if (-not $deleted) { exit 0 }

Write-Host "Key Vault $deleted of environment $($env:AZURE_ENV_NAME) was deleted; recovering it."
# A vault is recovered into its original resource group, which `azd down` removed too.
az group create --name "rg-$($env:AZURE_ENV_NAME)" --location $env:AZURE_LOCATION --tags "azd-env-name=$($env:AZURE_ENV_NAME)" --output none
az keyvault recover --name $deleted --output none
Write-Host "Recovered. (To start with a new vault instead: azd env set KEY_VAULT_SALT <1-6 letters>.)"
