using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CardService.Functions.Tests.Support;
using CardService.Infra.Tests.Support;

namespace CardService.Infra.Tests.Bicep;

/// <summary>The Azure template, compiled and linted by the real Bicep 0.49.2 compiler; any diagnostic fails.</summary>
public partial class BicepTemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

    [Fact]
    public void Build_MainTemplate_CompilesWithNoDiagnostic()
    {
        // Bicep reports type errors as warnings and still exits 0: anything on stderr is a failure.
        Assert.True(template.Build.ExitCode == 0 && string.IsNullOrWhiteSpace(template.Build.StandardError), template.Build.Transcript);
        Assert.NotEmpty(CompiledTemplate.Resources(template.Main));
    }

    [Fact]
    public async Task Lint_EveryBicepFile_ReportsNothing()
    {
        var files = Directory.GetFiles(InfraTools.InfraFolder, "*.bicep", SearchOption.AllDirectories)
            .Append(Path.Combine(InfraTools.InfraFolder, "main.bicepparam"));

        foreach (var file in files)
        {
            var result = await ToolRun.RunAsync(InfraTools.Bicep, ["lint", file], RepoPaths.Root);
            Assert.True(result.ExitCode == 0 && string.IsNullOrWhiteSpace(result.StandardError + result.StandardOutput), result.Transcript);
        }
    }

    [Fact]
    public async Task BuildParams_WithoutSecretsInTheEnvironment_CompilesAndLeavesSecretsEmpty()
    {
        var environment = new Dictionary<string, string>
        {
            ["CARDSERVICE_SIGNING_KEY_0"] = string.Empty,
            ["CARDSERVICE_SIGNING_KEY_1"] = string.Empty,
            ["CARDSERVICE_REDIS"] = string.Empty,
        };

        var result = await ToolRun.RunAsync(
            InfraTools.Bicep, ["build-params", Path.Combine(InfraTools.InfraFolder, "main.bicepparam"), "--stdout"], RepoPaths.Root, environment);

        Assert.True(result.ExitCode == 0 && string.IsNullOrWhiteSpace(result.StandardError), result.Transcript);
        var parameters = JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal(512, parameters["instanceMemoryMB"]!["value"]!.GetValue<int>());
        Assert.Equal(string.Empty, parameters["signingKey0"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Template_Api_IsAFlexConsumptionAppOnDotnetIsolated10()
    {
        var api = template.Module("api");

        var plan = CompiledTemplate.Resource(api, "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan["properties"]!["reserved"]!.GetValue<bool>()); // Linux

        var site = CompiledTemplate.Resource(api, "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site["kind"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.NotNull(config["scaleAndConcurrency"]!["instanceMemoryMB"]);
        Assert.NotNull(config["scaleAndConcurrency"]!["maximumInstanceCount"]);
        Assert.Equal("blobContainer", config["deployment"]!["storage"]!["type"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());

        var memory = template.Main["parameters"]!["instanceMemoryMB"]!;
        Assert.Equal(512, memory["defaultValue"]!.GetValue<int>());
    }

    [Fact]
    public void Template_Storage_HasNoSharedKeysAndTheDeploymentAndCardsContainers()
    {
        var storage = template.Module("storage");

        var account = CompiledTemplate.Resource(storage, "Microsoft.Storage/storageAccounts");
        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.NotNull(CompiledTemplate.Resource(storage, "Microsoft.Storage/storageAccounts/blobServices/containers")["copy"]);
        Assert.Equal("cards", template.Main["variables"]!["cardsContainerName"]!.GetValue<string>());
        Assert.Contains("'app-package-", template.Main["variables"]!["deploymentContainerName"]!.GetValue<string>(), StringComparison.Ordinal);

        // Without shared keys the identity's roles are the only way in.
        var roles = template.Module("roles").ToJsonString();
        Assert.Contains(StorageBlobDataOwner, roles, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_Telemetry_AcceptsOnlyEntraIdentities()
    {
        var insights = CompiledTemplate.Resource(template.Module("monitoring"), "Microsoft.Insights/components");
        Assert.True(insights["properties"]!["DisableLocalAuth"]!.GetValue<bool>());

        var hostSettings = template.Module("api")["variables"]!["hostSettings"]!.AsObject();
        Assert.Contains("Authorization=AAD", hostSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("managedidentity", hostSettings["AzureWebJobsStorage__credential"]!.GetValue<string>());
    }

    [Fact]
    public void Template_AppSettings_AreSettingsTheAppReadsAndNoneFlexRefuses()
    {
        var variables = template.Module("api")["variables"]!.AsObject();
        var hostNames = variables["hostSettings"]!.AsObject().Select(p => p.Key).ToList();
        var serviceNames = variables["serviceSettings"]!.AsObject().Select(p => p.Key)
            .Concat(SettingNameInExpression().Matches(variables["secretSettings"]!.GetValue<string>()).Select(m => m.Groups["name"].Value))
            .ToList();

        // Flex takes the runtime and the package from functionAppConfig, and a connection string would need shared keys.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", hostNames);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", hostNames);
        Assert.DoesNotContain("AzureWebJobsStorage", hostNames);
        Assert.Contains("Signing__Keys__0", serviceNames);
        Assert.Contains("Signing__Keys__1", serviceNames);
        Assert.Contains("Redis__Configuration", serviceNames);
        var problems = serviceNames.Select(AppSettingNames.Problem).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Theory]
    [InlineData("redisConfiguration")]
    [InlineData("signingKey0")]
    [InlineData("signingKey1")]
    public void Template_SecretParameters_AreSecure(string name)
    {
        Assert.Equal("securestring", template.Main["parameters"]![name]!["type"]!.GetValue<string>());
    }

    // In compiled ARM, a Bicep object literal { Name: value } inside an expression becomes createObject('Name', value).
    [GeneratedRegex(@"createObject\('(?<name>[A-Za-z0-9_]+)'")]
    private static partial Regex SettingNameInExpression();
}
