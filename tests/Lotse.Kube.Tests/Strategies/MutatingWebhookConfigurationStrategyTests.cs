using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class MutatingWebhookConfigurationStrategyTests(KubeServerFixture server)
    : StrategyTestBase(server, "mutatingwebhookconfigurations", "admissionregistration.k8s.io/v1", clusterScoped: true)
{
    [Fact]
    public async Task Create_Minimal_ReinvocationPolicyNeverAndTable()
    {
        var name = $"mwc-{Guid.NewGuid():N}"[..16];
        var created = await CreateOkAsync("", ValidatingWebhookConfigurationStrategyTests.Webhook(name));
        var webhook = created["webhooks"]![0]!;
        webhook["reinvocationPolicy"]!.GetValue<string>().ShouldBe("Never");
        webhook["failurePolicy"]!.GetValue<string>().ShouldBe("Fail");
        webhook["timeoutSeconds"]!.GetValue<long>().ShouldBe(10);
        (await ColumnsAsync("")).ShouldBe(["Name", "Webhooks", "Age"]);
        (await RowAsync("", name))[1]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task Create_BadReinvocationAndDuplicateNames_UpstreamMessages()
    {
        var status = await CreateInvalidAsync("", """
            {"metadata":{"name":"dup"},"webhooks":[
             {"name":"a.example.com","sideEffects":"Some","reinvocationPolicy":"Always","admissionReviewVersions":["v1"],"clientConfig":{"url":"https://hook.example.com/m"}},
             {"name":"a.example.com","sideEffects":"None","admissionReviewVersions":["v2"],"clientConfig":{}}]}
            """);
        status["message"]!.GetValue<string>().ShouldBe("MutatingWebhookConfiguration.admissionregistration.k8s.io \"dup\" is invalid: ["
            + "webhooks[0].sideEffects: Unsupported value: \"Some\": supported values: \"None\", \"NoneOnDryRun\", "
            + "webhooks[0].reinvocationPolicy: Unsupported value: \"Always\": supported values: \"IfNeeded\", \"Never\", "
            + "webhooks[1].clientConfig: Required value: exactly one of url or service is required, "
            + "webhooks[1].admissionReviewVersions: Invalid value: []string{\"v2\"}: must include at least one of v1, v1beta1, "
            + "webhooks[1].name: Duplicate value: \"a.example.com\"]");
    }
}
