// NeglectAudit in Azure: a Flex Consumption function app (.NET 10 isolated) with a user-assigned
// managed identity, storage reached by that identity only (no shared keys), secrets in Key Vault,
// Application Insights on Log Analytics, and App Service authentication with Entra ID.
//
// Plain resources, not Azure Verified Modules: the module registry is not reachable from the
// machines this repository is built and tested on, and the tests compile and lint this file offline.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name the resource group and every resource.')
param environmentName string

// Regions offering Flex Consumption with .NET 10 and availability zones (for zone-redundant
// storage), so an unsuitable region fails at the prompt rather than half-way through a deployment.
@metadata({
  azd: {
    type: 'location'
  }
})
@allowed([
  'uksouth'
  'northeurope'
  'westeurope'
  'swedencentral'
  'francecentral'
  'germanywestcentral'
  'eastus'
  'eastus2'
  'westus2'
  'westus3'
  'canadacentral'
  'australiaeast'
  'japaneast'
  'southeastasia'
])
@description('Azure region for every resource (Flex Consumption must be offered there).')
param location string

@description('Application (client) id of the Entra app registration coordinators and panel members sign in with.')
param entraClientId string

@secure()
@description('A client secret of that app registration, for the sign-in code flow. Kept in Key Vault.')
param entraClientSecret string

@secure()
@minLength(1)
@description('SendGrid API key with the Mail Send permission only. Required: in Azure every invitation and alert goes out by email, and the app refuses to start without it.')
param sendGridApiKey string

@minLength(3)
@description('Verified SendGrid sender address.')
param sendGridFromEmail string

@secure()
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 64
      noSpecial: true
    }
  }
})
@description('Key for hashing link tokens (HMAC-SHA256). Generated once by azd and kept in its environment: changing it voids every link already sent.')
param linkTokenHashKey string

@secure()
@description('During a link-key rotation, the key before it: links, sessions and sign-ins made with it still open. Empty once the rotation is over (docs/OPERATIONS.md).')
param previousLinkTokenHashKey string = ''

@description('Object id of the user or group running azd, given Key Vault Secrets Officer so secrets can be inspected and rotated. Empty: none.')
param principalId string = ''

@minLength(3)
@description('Address the operators\' alerts go to (a monitored mailbox).')
param alertEmail string

@description('Expiry date (yyyy-MM-dd) of the Entra client secret, for the alert 30 days before it. Empty: no such alert.')
param entraCredentialExpiry string = ''

@description('Re-alert rounds of an unacknowledged immediate-risk alert before the operators are alerted.')
param unacknowledgedRounds int = 4

@description('Messages waiting in the task hub\'s queues before the backlog alert fires.')
param queueBacklogThreshold int = 1000

@allowed([
  'Standard_ZRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
@description('Storage redundancy: zone-redundant, or geo-zone-redundant to survive losing the region.')
param storageSku string = 'Standard_ZRS'

@description('Put a CanNotDelete lock on the storage account (deploying it needs Owner or User Access Administrator).')
param lockStorage bool = true

@maxLength(6)
@description('Appended to the Key Vault\'s name, to start with a new vault while a deleted one is still held by purge protection. Empty: the vault named after the environment (recovered by the preprovision hook if it was deleted).')
param keyVaultSalt string = ''

@description('App settings kept across provisions, merged over the computed ones (infra/extra-app-settings.json).')
param extraAppSettings object = loadJsonContent('extra-app-settings.json')

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-${resourceToken}'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${take(functionAppName, 32)}'
    identityPrincipalId: identity.outputs.principalId
    skuName: storageSku
    lockAccount: lockStorage
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: take('kv-${resourceToken}${keyVaultSalt}', 24)
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    operatorPrincipalId: principalId
    sendGridApiKey: sendGridApiKey
    linkTokenHashKey: linkTokenHashKey
    hasPreviousLinkTokenHashKey: !empty(previousLinkTokenHashKey)
    previousLinkTokenHashKey: previousLinkTokenHashKey
    entraClientSecret: entraClientSecret
  }
}

module functionApp 'app/function.bicep' = {
  name: 'function'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    sendGridApiKeySecretUri: keyVault.outputs.sendGridApiKeySecretUri
    sendGridFromEmail: sendGridFromEmail
    linkTokenHashKeySecretUri: keyVault.outputs.linkTokenHashKeySecretUri
    previousLinkTokenHashKeySecretUri: keyVault.outputs.previousLinkTokenHashKeySecretUri
    entraClientSecretUri: keyVault.outputs.entraClientSecretUri
    entraClientId: entraClientId
    storageEndpoints: {
      blob: storage.outputs.blobEndpoint
      queue: storage.outputs.queueEndpoint
      table: storage.outputs.tableEndpoint
    }
    extraAppSettings: extraAppSettings
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    namePrefix: resourceToken
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    appUrl: functionApp.outputs.uri
    storageAccountId: storage.outputs.id
    alertEmail: alertEmail
    unacknowledgedRounds: unacknowledgedRounds
    queueBacklogThreshold: queueBacklogThreshold
    entraCredentialExpiry: entraCredentialExpiry
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
