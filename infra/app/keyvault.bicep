// Key Vault in RBAC mode with the app's secrets. The app reads them through Key Vault references
// in its settings, with its managed identity (Key Vault Secrets User on this vault only).
param name string
param location string
param tags object
param identityPrincipalId string
param operatorPrincipalId string

@secure()
param sendGridApiKey string

@secure()
param linkTokenHashKey string

@secure()
param entraClientSecret string

@description('Whether a previous link key was given (a rotation is under way).')
param hasPreviousLinkTokenHashKey bool

@secure()
param previousLinkTokenHashKey string

var secretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
var secretsOfficer = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

resource linkKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'link-token-hash-key'
  properties: {
    value: linkTokenHashKey
    contentType: 'text/plain'
  }
}

resource previousLinkKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (hasPreviousLinkTokenHashKey) {
  parent: vault
  name: 'link-token-hash-key-previous'
  properties: {
    value: previousLinkTokenHashKey
    contentType: 'text/plain'
  }
}

resource entraSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'entra-client-secret'
  properties: {
    value: entraClientSecret
    contentType: 'text/plain'
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityPrincipalId, secretsUser)
  scope: vault
  properties: {
    roleDefinitionId: secretsUser
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorManagesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, secretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: secretsOfficer
    principalId: operatorPrincipalId
  }
}

output name string = vault.name
output sendGridApiKeySecretUri string = sendGridSecret.properties.secretUri
output linkTokenHashKeySecretUri string = linkKeySecret.properties.secretUri
output previousLinkTokenHashKeySecretUri string = !hasPreviousLinkTokenHashKey ? '' : previousLinkKeySecret!.properties.secretUri
output entraClientSecretUri string = entraSecret.properties.secretUri
