// The storage account for the Functions host, the Durable task hub and the app's tables and blobs.
// Shared-key access is disabled: everything reaches it with the app's managed identity. Zone-
// redundant by default; blobs are versioned and soft-deleted; a CanNotDelete lock stops the account
// (and six years of records) going with a stray `azd down` or a portal click.
param name string
param location string
param tags object
param deploymentContainerName string
param identityPrincipalId string

@allowed([
  'Standard_ZRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
@description('Redundancy: zone-redundant (default), or geo-zone-redundant to survive the loss of the region.')
param skuName string = 'Standard_ZRS'

@minValue(7)
@maxValue(365)
@description('Days a deleted or overwritten blob (findings, backups) can be recovered.')
param blobSoftDeleteDays int = 14

@description('Container the backup timer writes table exports and findings copies to.')
param backupContainerName string = 'backups'

@description('Whether to put a CanNotDelete lock on the account (needs Owner or User Access Administrator to deploy).')
param lockAccount bool = true

var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
  }
}

// Old versions are kept only as long as soft delete keeps deleted blobs, so a findings pack or a
// backup set removed by the retention purge does not live on in its versions.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-old-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: blobSoftDeleteDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// Flex Consumption deploys the app package from this container.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource backupContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: backupContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (lockAccount) {
  name: 'do-not-delete-audit-records'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds six years of audit records and their backups. Remove the lock deliberately before deleting the account.'
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(storage.id, identityPrincipalId, role.value)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output backupContainerName string = backupContainer.name
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
