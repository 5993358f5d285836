// Parameters for `az deployment group create --template-file infra/main.bicep --parameters infra/main.bicepparam`.
// Secrets come from the environment of whoever deploys, never from this file (docs/DEPLOY.md).
using 'main.bicep'

param baseName = readEnvironmentVariable('CARDSERVICE_NAME', 'cardservice')
param instanceMemoryMB = 512
param maximumInstanceCount = 40
param cardStoreKind = 'blob'
param redisConfiguration = readEnvironmentVariable('CARDSERVICE_REDIS', '')
param signingKey0 = readEnvironmentVariable('CARDSERVICE_SIGNING_KEY_0', '')
param signingKey1 = readEnvironmentVariable('CARDSERVICE_SIGNING_KEY_1', '')
param signingRequired = bool(readEnvironmentVariable('CARDSERVICE_SIGNING_REQUIRED', 'false'))
param deployerPrincipalId = readEnvironmentVariable('CARDSERVICE_DEPLOYER_ID', '')
