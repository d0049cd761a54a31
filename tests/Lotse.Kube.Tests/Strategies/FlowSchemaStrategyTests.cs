using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class FlowSchemaStrategyTests(KubeServerFixture server)
    : StrategyTestBase(server, "flowschemas", "flowcontrol.apiserver.k8s.io/v1", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    private static string UniqueName() => $"fs-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Bootstrap_MandatorySchemas_Listed()
    {
        var exempt = await RowAsync("", "exempt");
        exempt[1]!.GetValue<string>().ShouldBe("exempt");
        exempt[2]!.GetValue<long>().ShouldBe(1);
        exempt[3]!.GetValue<string>().ShouldBe("<none>");
        exempt[5]!.GetValue<string>().ShouldBe("?");
        var catchAll = await RowAsync("", "catch-all");
        catchAll[2]!.GetValue<long>().ShouldBe(10000);
        catchAll[3]!.GetValue<string>().ShouldBe("ByUser");
        (await ColumnsAsync("")).ShouldBe(["Name", "PriorityLevel", "MatchingPrecedence", "DistinguisherMethod", "Age", "MissingPL"]);
    }

    [Fact]
    public async Task Create_PrecedenceDefaulted_StatusThroughSubresource()
    {
        var name = UniqueName();
        var created = await CreateOkAsync("", $$$"""
            {"metadata":{"name":"{{{name}}}"},"spec":{"priorityLevelConfiguration":{"name":"catch-all"},
             "rules":[{"subjects":[{"kind":"User","user":{"name":"bot"}}],"nonResourceRules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}]},
             "status":{"conditions":[{"type":"Dangling","status":"True"}]}}
            """);
        created["spec"]!["matchingPrecedence"]!.GetValue<long>().ShouldBe(1000);
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["status"]!.AsObject().Count.ShouldBe(0);

        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"status":{"conditions":[{"type":"Dangling","status":"False"}]}}""", MergePatch);
        code.ShouldBe(200, status?.ToJsonString());
        (await RowAsync("", name))[5]!.GetValue<string>().ShouldBe("False");
    }

    [Fact]
    public async Task Create_BadPrecedenceAndSubjects_Invalid()
    {
        var status = await CreateInvalidAsync("", """{"metadata":{"name":"bad"},"spec":{"matchingPrecedence":20000,"distinguisherMethod":{"type":"ByPod"},"rules":[{"subjects":[{"kind":"Robot"}],"resourceRules":[{"verbs":["*"]}]}]}}""");
        status["message"]!.GetValue<string>().ShouldBe("FlowSchema.flowcontrol.apiserver.k8s.io \"bad\" is invalid: ["
            + "spec.matchingPrecedence: Invalid value: 20000: must not be greater than 10000, "
            + "spec.distinguisherMethod.type: Unsupported value: \"ByPod\": supported values: \"ByNamespace\", \"ByUser\", "
            + "spec.priorityLevelConfiguration.name: Required value: must reference a priority level, "
            + "spec.rules[0].subjects[0].kind: Unsupported value: \"Robot\": supported values: \"Group\", \"ServiceAccount\", \"User\"]");
    }
}
