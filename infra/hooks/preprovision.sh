#!/bin/sh
# Before `azd provision`: if this environment's Key Vault was deleted (by `azd down`), recover it.
# Purge protection holds a deleted vault's name for 90 days, so without this a second `azd up`
# fails. Needs the Azure CLI signed in to the same subscription (`az login`).
set -eu

deleted=$(az keyvault list-deleted --resource-type vault \
  --query "[?properties.tags.\"azd-env-name\"=='${AZURE_ENV_NAME}' && properties.location=='${AZURE_LOCATION}'].name | [0]" \
  --output tsv 2>/dev/null || true)
if [ -z "$deleted" ]; then
  exit 0
fi

echo "Key Vault $deleted of environment $AZURE_ENV_NAME was deleted; recovering it."
# A vault is recovered into its original resource group, which `azd down` removed too.
az group create --name "rg-${AZURE_ENV_NAME}" --location "$AZURE_LOCATION" \
  --tags "azd-env-name=${AZURE_ENV_NAME}" --output none
az keyvault recover --name "$deleted" --output none
echo "Recovered. (To start with a new vault instead: azd env set KEY_VAULT_SALT <1-6 letters>.)"
