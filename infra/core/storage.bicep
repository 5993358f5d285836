// The storage account: the host's own state, the deployment package container and the cards container.
// Shared keys are off, so only Entra ID identities with a data role can read or write.
@description('Storage account name (3-24 lower-case letters and digits).')
param name string

@description('Azure region.')
param location string

@description('Tags put on the account.')
param tags object

@description('Blob containers to create (the deployment package container and the cards container).')
param containerNames string[]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

@description('Account name.')
output name string = storage.name

@description('Blob endpoint, e.g. https://<account>.blob.core.windows.net/.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Queue endpoint (the Functions host keeps its state in queues and tables too).')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('Table endpoint.')
output tableEndpoint string = storage.properties.primaryEndpoints.table
