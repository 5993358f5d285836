// Log Analytics and a workspace-based Application Insights that accepts only Entra ID-authenticated telemetry.
@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags put on both resources.')
param tags object

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // No instrumentation-key ingestion: the app authenticates with its managed identity (Authorization=AAD).
    DisableLocalAuth: true
  }
}

@description('Name of the Application Insights component, for role assignments.')
output applicationInsightsName string = applicationInsights.name

@description('Connection string (not a secret once local auth is off: it only says where to send).')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
