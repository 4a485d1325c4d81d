using System.Text.Json.Nodes;
using NeglectAudit.LocalHost.AsDeployed;

namespace NeglectAudit.IntegrationTests.LocalHost.AsDeployed;

/// <summary>Small hand-written ARM templates: each expression form the evaluator must get right, or refuse.</summary>
public sealed class TemplateSnippetTests
{
    private static readonly LocalWorld World = new() { SiteDefaultHostName = "app.local" };

    [Fact]
    public void Union_merges_objects_and_the_later_value_wins()
    {
        DeployedSite site = Deploy(
            settings: """ "[union(variables('base'), parameters('extra'), createObject('C', 'c'))]" """,
            variables: """ { "base": { "A": "a", "B": "from base" } } """,
            parameters: """ { "extra": { "type": "object", "defaultValue": { "B": "from extra" } } } """);

        Assert.Equal(new Dictionary<string, string> { ["A"] = "a", ["B"] = "from extra", ["C"] = "c" }, site.AppSettings);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("SG.key", true)]
    public void Settings_of_an_optional_secret_are_there_only_when_it_is_given(string key, bool present)
    {
        DeployedSite site = Deploy(
            settings: """
                "[union(createObject('Always', 'a'), if(empty(parameters('sendGridApiKey')), createObject(), createObject('SendGrid__ApiKey', format('@Microsoft.KeyVault(SecretUri={0})', reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv', 'sendgrid-api-key'), '2023-07-01').secretUri))))]"
                """,
            parameters: """{ "sendGridApiKey": { "type": "securestring", "defaultValue": "" } }""",
            resources: """{ "condition": "[not(empty(parameters('sendGridApiKey')))]", "type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv/sendgrid-api-key", "properties": { "value": "[parameters('sendGridApiKey')]" } }""",
            values: key.Length == 0 ? [] : new() { ["sendGridApiKey"] = key });

        Assert.Equal(present, site.AppSettings.ContainsKey("SendGrid__ApiKey"));
        Assert.Equal("a", site.AppSettings["Always"]);
        if (present)
        {
            Assert.Equal("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/sendgrid-api-key)", site.AppSettings["SendGrid__ApiKey"]);
        }
    }

    [Fact]
    public void A_string_from_the_azd_environment_becomes_the_declared_object_or_bool()
    {
        DeployedSite site = Deploy(
            settings: """ "[union(createObject('Flag', string(parameters('flag'))), parameters('extraAppSettings'))]" """,
            parameters: """{ "flag": { "type": "bool" }, "extraAppSettings": { "type": "object" } }""",
            values: new() { ["flag"] = "true", ["extraAppSettings"] = """{ "Extra": "e" }""" });

        Assert.Equal(new Dictionary<string, string> { ["Flag"] = "True", ["Extra"] = "e" }, site.AppSettings);
    }

    [Fact]
    public void Format_concat_and_escaped_quotes_and_brackets()
    {
        DeployedSite site = Deploy(settings: """
            {
              "Formatted": "[format('{0}-{1}:{2}', 'a', 7, true())]",
              "Joined": "[concat('it''s ', toLower('LOUD'), ' ', string(take('abcdef', 3)))]",
              "Literal": "[[not an expression]",
              "Indexed": "[createArray('x', 'y')[1]]",
              "Property": "[createObject('inner', createObject('Key', 'v')).inner.key]"
            }
            """);

        Assert.Equal("a-7:True", site.AppSettings["Formatted"]);
        Assert.Equal("it's loud abc", site.AppSettings["Joined"]);
        Assert.Equal("[not an expression]", site.AppSettings["Literal"]);
        Assert.Equal("y", site.AppSettings["Indexed"]);
        Assert.Equal("v", site.AppSettings["Property"]);
    }

    [Theory]
    [InlineData("true", "https://kv.vault.azure.net/secrets/optional")]
    [InlineData("false", "none")]
    public void If_evaluates_only_the_branch_it_takes(string enabled, string expected)
    {
        DeployedSite site = Deploy(
            settings: """{ "Secret": "[if(parameters('on'), reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv', 'optional'), '2023-07-01').secretUri, 'none')]" }""",
            parameters: """{ "on": { "type": "bool" } }""",
            resources: """{ "condition": "[parameters('on')]", "type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv/optional" }""",
            values: new() { ["on"] = enabled });

        Assert.Equal(expected, site.AppSettings["Secret"]);
    }

    [Fact]
    public void A_secret_whose_condition_is_false_has_no_uri()
    {
        var e = Assert.Throws<ArmTemplateException>(() => Deploy(
            settings: """{ "Secret": "[reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv', 'optional'), '2023-07-01').secretUri]" }""",
            resources: """{ "condition": "[not(empty(''))]", "type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv/optional" }"""));

        Assert.Contains("not deployed", e.Message, StringComparison.Ordinal);
        Assert.Contains("reference(resourceId('Microsoft.KeyVault/vaults/secrets', 'kv', 'optional')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_whose_config_is_not_deployed_are_not_there()
    {
        DeployedSite site = Deploy(settings: """{ "A": "a" }""", settingsCondition: "[equals(1, 2)]");

        Assert.Empty(site.AppSettings);
    }

    [Theory]
    [InlineData("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-05-01').keys[0].value]", "listKeys")]
    [InlineData("[newGuid()]", "newGuid")]
    public void An_unknown_function_is_refused_by_name_with_its_expression(string expression, string function)
    {
        var e = Assert.Throws<ArmTemplateException>(() => Deploy(settings: $$"""{ "Key": "{{expression}}" }"""));

        Assert.Contains($"'{function}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expression, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_passes_parameters_in_and_its_outputs_back()
    {
        DeployedSite site = Deploy(
            settings: """{ "FromModule": "[reference(resourceId('Microsoft.Resources/deployments', 'names'), '2025-04-01').outputs.greeting.value]" }""",
            resources: """
                {
                  "type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "names",
                  "properties": {
                    "expressionEvaluationOptions": { "scope": "inner" }, "mode": "Incremental",
                    "parameters": { "who": { "value": "[concat('wor', 'ld')]" } },
                    "template": {
                      "parameters": { "who": { "type": "string" }, "greeting": { "type": "string", "defaultValue": "hello" } },
                      "resources": [],
                      "outputs": { "greeting": { "type": "string", "value": "[format('{0} {1}', parameters('greeting'), parameters('who'))]" } }
                    }
                  }
                }
                """);

        Assert.Equal("hello world", site.AppSettings["FromModule"]);
    }

    [Fact]
    public void Copy_loops_and_items_build_arrays()
    {
        DeployedSite site = Deploy(
            settings: """{ "Names": "[string(variables('names'))]", "Count": "[string(length(items(variables('roles'))))]" }""",
            variables: """
                {
                  "roles": { "b": "2", "a": "1" },
                  "copy": [ { "name": "names", "count": "[length(items(variables('roles')))]", "input": "[items(variables('roles'))[copyIndex('names')].key]" } ]
                }
                """);

        Assert.Equal("""["a","b"]""", site.AppSettings["Names"]);
        Assert.Equal("2", site.AppSettings["Count"]);
    }

    [Fact]
    public void Authentication_reads_every_field_and_app_service_defaults()
    {
        DeployedSite site = Deploy(settings: "{}", authentication: """
            {
              "platform": { "enabled": true },
              "globalValidation": { "requireAuthentication": true, "unauthenticatedClientAction": "Return401", "excludedPaths": [ "/api/health", "[format('/api/{0}', 'public')]" ] },
              "identityProviders": { "azureActiveDirectory": { "registration": { "clientId": "client" }, "validation": { "allowedAudiences": [ "api://client" ] } } }
            }
            """);

        DeployedAuthentication auth = site.Authentication;
        Assert.True(auth.Enabled);
        Assert.True(auth.RequireAuthentication);
        Assert.Equal("Return401", auth.UnauthenticatedClientAction);
        Assert.Equal(["/api/health", "/api/public"], auth.ExcludedPaths);
        Assert.Equal("client", auth.ClientId);
        Assert.Equal(["api://client"], auth.AllowedAudiences);
        Assert.True(auth.RequireHttps);
        Assert.Equal(DeployedAuthentication.None, Deploy(settings: "{}").Authentication);
    }

    [Fact]
    public void A_parameter_not_declared_by_the_template_is_refused()
    {
        var e = Assert.Throws<ArmTemplateException>(() => Deploy(settings: "{}", values: new() { ["typo"] = "x" }));

        Assert.Contains("typo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Language_version_2_references_resources_by_symbolic_name()
    {
        JsonObject template = JsonNode.Parse("""
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              "languageVersion": "2.0",
              "parameters": { "extra": { "$ref": "#/definitions/settings", "defaultValue": { "X": "x" } } },
              "definitions": { "settings": { "type": "object" } },
              "resources": {
                "vault": { "existing": true, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv" },
                "site": { "type": "Microsoft.Web/sites", "apiVersion": "2024-04-01", "name": "app", "kind": "functionapp,linux" },
                "settings": {
                  "type": "Microsoft.Web/sites/config", "apiVersion": "2024-04-01", "name": "app/appsettings",
                  "properties": "[shallowMerge(createArray(parameters('extra'), createObject('Host', reference('site').defaultHostName, 'Vault', reference('vault').vaultUri, 'Missing', coalesce(tryGet(parameters('extra'), 'nope'), 'fallback'))))]"
                }
              }
            }
            """)!.AsObject();

        DeployedSite site = DeployedSite.Evaluate(template, new Dictionary<string, JsonNode?>(), World);

        Assert.Equal(new Dictionary<string, string> { ["X"] = "x", ["Host"] = "app.local", ["Vault"] = "https://kv.vault.azure.net/", ["Missing"] = "fallback" }, site.AppSettings);
    }

    private static DeployedSite Deploy(
        string settings,
        string parameters = "{}",
        string variables = "{}",
        string resources = "",
        string? authentication = null,
        string settingsCondition = "[true()]",
        Dictionary<string, JsonNode?>? values = null)
    {
        string authResource = authentication is null ? "" : $$"""
            , { "type": "Microsoft.Web/sites/config", "apiVersion": "2024-04-01", "name": "[format('{0}/{1}', 'app', 'authsettingsV2')]", "properties": {{authentication}} }
            """;
        string json = $$"""
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "parameters": {{parameters}},
              "variables": {{variables}},
              "resources": [
                { "type": "Microsoft.Web/sites", "apiVersion": "2024-04-01", "name": "app", "location": "[resourceGroup().location]", "kind": "functionapp,linux" },
                { "condition": "{{settingsCondition}}", "type": "Microsoft.Web/sites/config", "apiVersion": "2024-04-01", "name": "[format('{0}/{1}', 'app', 'appsettings')]", "properties": {{settings}} }
                {{(resources.Length > 0 ? "," + resources : "")}}
                {{authResource}}
              ]
            }
            """;
        return DeployedSite.Evaluate(JsonNode.Parse(json)!.AsObject(), values ?? [], World);
    }
}
