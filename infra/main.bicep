// CardService on Azure Functions Flex Consumption (FC1, Linux, dotnet-isolated 10.0).
// Storage is reached only by a user-assigned managed identity (no shared keys); Application Insights takes
// telemetry with Entra ID auth. Deploy: docs/DEPLOY.md. Checked offline by `bicep build` and `bicep lint`
// (tests/CardService.Infra.Tests), where any warning fails.
targetScope = 'resourceGroup'

@minLength(3)
@maxLength(12)
@description('Short lower-case name every resource name starts with, e.g. "cards".')
param baseName string = 'cardservice'

@description('Azure region for every resource. Flex Consumption is offered in a subset of regions (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@allowed([512, 2048, 4096])
@description('Memory of one instance in MB. 512 is the smallest and cheapest; the card renderer stays well below it.')
param instanceMemoryMB int = 512

@minValue(1)
@maxValue(1000)
@description('The most instances Flex may run at once; bounds the bill under a burst.')
param maximumInstanceCount int = 40

@allowed(['memory', 'blob'])
@description('Where rendered cards are kept between instances: "blob" (the cards container, reached by identity) or "memory" (per instance).')
param cardStoreKind string = 'blob'

@secure()
@description('StackExchange.Redis configuration string for the shared metadata cache, or a Key Vault reference; empty leaves Redis off.')
param redisConfiguration string = ''

@secure()
@description('The active key for signed card URLs: the key itself or a Key Vault reference "@Microsoft.KeyVault(VaultName=...;SecretName=...)". Empty: no signing.')
param signingKey0 string = ''

@secure()
@description('The second key, accepted while keys are rolled (docs/DEPLOY.md); a key or a Key Vault reference. Empty: one key.')
param signingKey1 string = ''

@description('Refuse card URLs without a valid signature (needs signingKey0).')
param signingRequired bool = false

@description('Object id of a user or service principal that deploys the package (gets Storage Blob Data Owner on the account); empty for none.')
param deployerPrincipalId string = ''

@description('Tags put on every resource.')
param tags object = {}

// Storage account names are 3-24 lower-case letters and digits, globally unique.
var token = toLower(uniqueString(subscription().id, resourceGroup().id, location, baseName))
var storageAccountName = take('st${replace(baseName, '-', '')}${token}', 24)
var deploymentContainerName = 'app-package-${take(token, 8)}'
var cardsContainerName = 'cards'

module identity 'core/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-${baseName}-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${baseName}-${token}'
    applicationInsightsName: 'appi-${baseName}-${token}'
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: [deploymentContainerName, cardsContainerName]
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  params: {
    planName: 'plan-${baseName}-${token}'
    appName: 'func-${baseName}-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    cardsContainerName: cardsContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    cardStoreKind: cardStoreKind
    redisConfiguration: redisConfiguration
    signingKey0: signingKey0
    signingKey1: signingKey1
    signingRequired: signingRequired
  }
  // The app's identity must hold its storage roles before the host first reaches AzureWebJobsStorage.
  dependsOn: [roles]
}

@description('The function app (the target of `az functionapp deployment source config-zip`).')
output functionAppName string = api.outputs.name

@description('Public base URL of the service.')
output functionAppUrl string = 'https://${api.outputs.defaultHostName}'

@description('The storage account holding the deployment package and the cards.')
output storageAccountName string = storage.outputs.name

@description('Client id of the managed identity the app runs as.')
output identityClientId string = identity.outputs.clientId
