// The Flex Consumption plan and the function app: runtime dotnet-isolated 10.0, package from a blob container
// read by the managed identity, and the app settings the service reads (names as in its options classes).
@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also its host name).')
param appName string

@description('Azure region.')
param location string

@description('Tags put on the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Blob endpoint of the storage account.')
param storageBlobEndpoint string

@description('Queue endpoint of the storage account.')
param storageQueueEndpoint string

@description('Table endpoint of the storage account.')
param storageTableEndpoint string

@description('Container Flex deploys the package from.')
param deploymentContainerName string

@description('Container that keeps rendered cards.')
param cardsContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Memory of one instance in MB.')
param instanceMemoryMB int

@description('The most instances Flex may run at once.')
param maximumInstanceCount int

@description('CardStore:Kind: "blob" or "memory".')
param cardStoreKind string

@secure()
@description('Redis:Configuration, or empty for no Redis.')
param redisConfiguration string

@secure()
@description('Signing:Keys:0, or empty.')
param signingKey0 string

@secure()
@description('Signing:Keys:1, or empty.')
param signingKey1 string

@description('Signing:Required.')
param signingRequired bool

// Settings the Functions host reads. Flex takes the runtime from functionAppConfig and refuses
// FUNCTIONS_WORKER_RUNTIME and WEBSITE_RUN_FROM_PACKAGE as settings, so neither appears here.
var hostSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential picks the user-assigned identity by this variable.
  AZURE_CLIENT_ID: identityClientId
}

// Settings the service reads: configuration keys with ':' written as '__' (section names from the app's options classes).
var serviceSettings = {
  CardStore__Kind: cardStoreKind
  CardStore__Blob__ServiceUri: storageBlobEndpoint
  CardStore__Blob__Container: cardsContainerName
  Signing__Required: string(signingRequired)
  // The Functions host relays every request to the handler from loopback, with the caller in X-Forwarded-For: trust it from there only.
  RateLimits__TrustedProxies__0: '127.0.0.1/32'
}

// Secrets are set only when given, so an empty parameter leaves the feature off instead of configuring an empty value.
var secretSettings = union(
  empty(redisConfiguration) ? {} : { Redis__Configuration: redisConfiguration },
  empty(signingKey0) ? {} : { Signing__Keys__0: signingKey0 },
  empty(signingKey1) ? {} : { Signing__Keys__1: signingKey1 }
)

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
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
    // Key Vault references in the settings above resolve with this identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(hostSettings, serviceSettings, secretSettings)
  }
}

@description('The app\'s name.')
output name string = app.name

@description('The app\'s default host name.')
output defaultHostName string = app.properties.defaultHostName
