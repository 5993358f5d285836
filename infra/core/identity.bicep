// The user-assigned identity the function app runs as; storage, Application Insights and Key Vault trust it.
@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags put on the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the app\'s identity block and Key Vault reference resolution.')
output id string = identity.id

@description('Client id, which the app\'s Azure SDK clients name to pick this identity.')
output clientId string = identity.properties.clientId

@description('Principal (object) id, which role assignments name.')
output principalId string = identity.properties.principalId
