using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class RoleStrategyTests(KubeServerFixture server) : RbacRoleStrategyTestBase(server, "roles", namespaced: true)
{
    [Fact]
    public async Task Create_RuleWithoutVerbsGroupsResources_InvalidWithUpstreamMessages()
    {
        var message = await CreateInvalidAsync("""{"metadata":{"name":"r"},"rules":[{}]}""", "default");
        message.ShouldBe("Role.rbac.authorization.k8s.io \"r\" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group, rules[0].resources: Required value: resource rules must supply at least one resource]");
    }

    [Fact]
    public async Task Create_NonResourceUrlInRole_Invalid()
    {
        var message = await CreateInvalidAsync("""{"metadata":{"name":"r"},"rules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}]}""", "default");
        message.ShouldBe("Role.rbac.authorization.k8s.io \"r\" is invalid: rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs");
    }

    [Fact]
    public async Task Create_NameWithColons_AllowedAsPathSegment()
    {
        var ns = await Server.CreateNamespaceAsync("role");
        var created = await CreateOkAsync("""{"metadata":{"name":"system:team:reader"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""", ns);
        created["metadata"]!["name"]!.GetValue<string>().ShouldBe("system:team:reader");
        var message = await CreateInvalidAsync("""{"metadata":{"name":"a%b"},"rules":[]}""", ns);
        message.ShouldBe("Role.rbac.authorization.k8s.io \"a%b\" is invalid: metadata.name: Invalid value: \"a%b\": may not contain '%'");
    }

    [Fact]
    public async Task Table_Role_NameAndCreatedAt()
    {
        var ns = await Server.CreateNamespaceAsync("role");
        await CreateOkAsync("""{"metadata":{"name":"r1"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""", ns);
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Created At"]);
        var row = await RowAsync("r1", ns);
        row[0]!.GetValue<string>().ShouldBe("r1");
        row[1]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
    }
}
