using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ValidatingWebhookConfigurationStrategyTests(KubeServerFixture server)
    : StrategyTestBase(server, "validatingwebhookconfigurations", "admissionregistration.k8s.io/v1", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    public static string Webhook(string name) => $$$"""
        {"metadata":{"name":"{{{name}}}"},"webhooks":[{"name":"check.example.com","sideEffects":"None","admissionReviewVersions":["v1"],
         "clientConfig":{"service":{"namespace":"default","name":"checker"}},
         "rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}]}]}
        """;

    private static string UniqueName() => $"vwc-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Create_Minimal_DefaultsUsersSeeAndTable()
    {
        var name = UniqueName();
        var created = await CreateOkAsync("", Webhook(name));
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var webhook = created["webhooks"]![0]!;
        webhook["failurePolicy"]!.GetValue<string>().ShouldBe("Fail");
        webhook["matchPolicy"]!.GetValue<string>().ShouldBe("Equivalent");
        webhook["timeoutSeconds"]!.GetValue<long>().ShouldBe(10);
        webhook["namespaceSelector"]!.AsObject().Count.ShouldBe(0);
        webhook["objectSelector"]!.AsObject().Count.ShouldBe(0);
        webhook["rules"]![0]!["scope"]!.GetValue<string>().ShouldBe("*");
        webhook["clientConfig"]!["service"]!["port"]!.GetValue<long>().ShouldBe(443);
        webhook["reinvocationPolicy"].ShouldBeNull();

        (await ColumnsAsync("")).ShouldBe(["Name", "Webhooks", "Age"]);
        (await RowAsync("", name))[1]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task Create_MissingSideEffectsVersionsClient_UpstreamMessages()
    {
        var status = await CreateInvalidAsync("", """{"metadata":{"name":"bad"},"webhooks":[{"name":"short","failurePolicy":"Maybe","timeoutSeconds":60,"clientConfig":{"url":"http://x.example.com/check"},"rules":[{"operations":["PATCH"],"apiGroups":[""],"apiVersions":["v1"],"resources":["pods"]}]}]}""");
        status["message"]!.GetValue<string>().ShouldBe("ValidatingWebhookConfiguration.admissionregistration.k8s.io \"bad\" is invalid: ["
            + "webhooks[0].name: Invalid value: \"short\": should be a domain with at least three segments separated by dots, "
            + "webhooks[0].rules[0].operations[0]: Unsupported value: \"PATCH\": supported values: \"*\", \"CONNECT\", \"CREATE\", \"DELETE\", \"UPDATE\", "
            + "webhooks[0].failurePolicy: Unsupported value: \"Maybe\": supported values: \"Fail\", \"Ignore\", "
            + "webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun, "
            + "webhooks[0].timeoutSeconds: Invalid value: 60: the timeout value must be between 1 and 30 seconds, "
            + "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format: https://host[/path], "
            + "webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1]");
    }

    [Fact]
    public async Task Update_WebhooksChange_GenerationBumps()
    {
        var name = UniqueName();
        await CreateOkAsync("", Webhook(name));
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"metadata":{"labels":{"a":"b"}}}""", MergePatch);
        code.ShouldBe(200);
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var (code2, updated2, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"webhooks":[{"name":"check.example.com","failurePolicy":"Ignore"}]}""", "application/strategic-merge-patch+json");
        code2.ShouldBe(200, updated2?.ToJsonString());
        updated2!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        updated2["webhooks"]![0]!["failurePolicy"]!.GetValue<string>().ShouldBe("Ignore");
        updated2["webhooks"]![0]!["sideEffects"]!.GetValue<string>().ShouldBe("None");
    }

    [Fact]
    public async Task Create_StringTimeout_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(""), Webhook("typed").Replace("\"sideEffects\":\"None\"", "\"sideEffects\":\"None\",\"timeoutSeconds\":\"ten\"", StringComparison.Ordinal));
        code.ShouldBe(400, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("ValidatingWebhookConfiguration in version \"v1\" cannot be handled as a ValidatingWebhookConfiguration: json: cannot unmarshal string into Go struct field ValidatingWebhook.webhooks.timeoutSeconds of type int32");
    }
}
