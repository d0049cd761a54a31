using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ValidatingAdmissionPolicyStrategyTests(KubeServerFixture server)
    : StrategyTestBase(server, "validatingadmissionpolicies", "admissionregistration.k8s.io/v1", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    private static string Policy(string name) => $$$"""
        {"metadata":{"name":"{{{name}}}"},"spec":{"paramKind":{"apiVersion":"v1","kind":"ConfigMap"},
         "matchConstraints":{"resourceRules":[{"operations":["CREATE","UPDATE"],"apiGroups":["apps"],"apiVersions":["v1"],"resources":["deployments"]}]},
         "validations":[{"expression":"object.spec.replicas <= 5"}]},"status":{"observedGeneration":9}}
        """;

    private static string UniqueName() => $"vap-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Create_Minimal_DefaultsStatusClearedTable()
    {
        var name = UniqueName();
        var created = await CreateOkAsync("", Policy(name));
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["status"]!.AsObject().Count.ShouldBe(0);
        var spec = created["spec"]!;
        spec["failurePolicy"]!.GetValue<string>().ShouldBe("Fail");
        spec["matchConstraints"]!["matchPolicy"]!.GetValue<string>().ShouldBe("Equivalent");
        spec["matchConstraints"]!["namespaceSelector"]!.AsObject().Count.ShouldBe(0);
        spec["matchConstraints"]!["resourceRules"]![0]!["scope"]!.GetValue<string>().ShouldBe("*");
        (await ColumnsAsync("")).ShouldBe(["Name", "Validations", "ParamKind", "Age"]);
        var row = await RowAsync("", name);
        row[1]!.GetValue<long>().ShouldBe(1);
        row[2]!.GetValue<string>().ShouldBe("v1/ConfigMap");
    }

    [Fact]
    public async Task Create_NoRulesNoValidations_Invalid()
    {
        var status = await CreateInvalidAsync("", """{"metadata":{"name":"empty"},"spec":{"failurePolicy":"Never","validations":[{"expression":" ","reason":"Nope"}]}}""");
        status["message"]!.GetValue<string>().ShouldBe("ValidatingAdmissionPolicy.admissionregistration.k8s.io \"empty\" is invalid: ["
            + "spec.failurePolicy: Unsupported value: \"Never\": supported values: \"Fail\", \"Ignore\", "
            + "spec.matchConstraints.resourceRules: Required value, "
            + "spec.validations[0].expression: Required value: expression is not specified, "
            + "spec.validations[0].reason: Unsupported value: \"Nope\": supported values: \"Forbidden\", \"Invalid\", \"RequestEntityTooLarge\", \"Unauthorized\"]");
    }

    [Fact]
    public async Task StatusSubresource_SetsObservedGeneration_SpecKept()
    {
        var name = UniqueName();
        await CreateOkAsync("", Policy(name));
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"spec":{"failurePolicy":"Ignore"},"status":{"observedGeneration":1}}""", MergePatch);
        code.ShouldBe(200, status?.ToJsonString());
        status!["status"]!["observedGeneration"]!.GetValue<long>().ShouldBe(1);
        status["spec"]!["failurePolicy"]!.GetValue<string>().ShouldBe("Fail");
    }
}
