// The function app on the Flex Consumption plan (.NET 10, isolated worker), its settings (every
// secret a Key Vault reference; storage by identity) and App Service authentication for Entra ID.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string
param applicationInsightsConnectionString string
param sendGridApiKeySecretUri string
param sendGridFromEmail string
param linkTokenHashKeySecretUri string
param previousLinkTokenHashKeySecretUri string = ''
param entraClientSecretUri string
param entraClientId string

@description('Storage service endpoints as the cloud environment gives them, never a hard-coded domain.')
param storageEndpoints object

@description('Settings added by the operator (infra/app-settings.json), merged last: they win over the computed ones.')
param extraAppSettings object = {}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var keyVaultReference = '@Microsoft.KeyVault(SecretUri={0})'
// Only during a link-key rotation: links made with the previous key still open.
var previousLinkKeySettings = empty(previousLinkTokenHashKeySecretUri) ? {} : {
  Links__PreviousTokenHashKey: format(keyVaultReference, previousLinkTokenHashKeySecretUri)
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union({
    // The host, the Durable task hub and the app (Storage/StorageConnection.cs) reach storage by identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storageEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storageEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storageEndpoints.table
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Links__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
    Links__TokenHashKey: format(keyVaultReference, linkTokenHashKeySecretUri)
    // Teams activity-feed notices through Graph, as the app registration (TeamsActivity.Send).
    Graph__TenantId: tenant().tenantId
    Graph__ClientId: entraClientId
    Graph__ClientSecret: format(keyVaultReference, entraClientSecretUri)
    // App Service authentication reads the sign-in client secret from this setting.
    MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: format(keyVaultReference, entraClientSecretUri)
    // Every email (invitations, chasing, immediate-risk alerts) goes through SendGrid.
    SendGrid__ApiKey: format(keyVaultReference, sendGridApiKeySecretUri)
    SendGrid__FromEmail: sendGridFromEmail
    // App Service authentication (below) signs staff in and passes the principal on: trust it.
    Security__AppServiceAuthentication: 'true'
    StartDueAuditsSchedule: '0 */5 * * * *'
    RetentionPurgeSchedule: '0 30 2 * * *'
    BackupSchedule: '0 0 1 * * *'
  }, previousLinkKeySettings, extraAppSettings)
}

// Coordinator and panel pages need a signed-in Entra ID user with an app role; agency auditors are
// guests with personal links and never sign in. So unauthenticated requests reach the app, which
// checks the principal and roles itself on every route.
resource authentication 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

resource noFtpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource noScmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
