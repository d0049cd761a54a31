using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class RoleBindingStrategyTests(KubeServerFixture server) : RbacRoleStrategyTestBase(server, "rolebindings", namespaced: true)
{
    [Fact]
    public async Task Create_BadRoleRefAndSubjects_InvalidWithUpstreamMessages()
    {
        var message = await CreateInvalidAsync("""{"metadata":{"name":"b"},"roleRef":{"apiGroup":"example.com","kind":"Thing","name":""},"subjects":[{"kind":"Robot","name":"r"},{"kind":"User","name":"u","apiGroup":"v1"},{"kind":"ServiceAccount","name":"Bad_Name","apiGroup":"rbac.authorization.k8s.io"}]}""", "default");
        message.ShouldBe("RoleBinding.rbac.authorization.k8s.io \"b\" is invalid: [roleRef.apiGroup: Unsupported value: \"example.com\": supported values: \"rbac.authorization.k8s.io\", roleRef.kind: Unsupported value: \"Thing\": supported values: \"Role\", \"ClusterRole\", roleRef.name: Required value, subjects[0].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\", subjects[1].apiGroup: Unsupported value: \"v1\": supported values: \"rbac.authorization.k8s.io\", subjects[2].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), subjects[2].apiGroup: Unsupported value: \"rbac.authorization.k8s.io\": supported values: \"\"]");
    }

    [Fact]
    public async Task Create_OmittedApiGroups_Defaulted()
    {
        var ns = await Server.CreateNamespaceAsync("rb");
        var created = await CreateOkAsync("""{"metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"view"},"subjects":[{"kind":"Group","name":"devs"},{"kind":"ServiceAccount","name":"sa"}]}""", ns);
        created["roleRef"]!["apiGroup"]!.GetValue<string>().ShouldBe("rbac.authorization.k8s.io");
        created["subjects"]![0]!["apiGroup"]!.GetValue<string>().ShouldBe("rbac.authorization.k8s.io");
        created["subjects"]![1]!["apiGroup"].ShouldBeNull();
    }

    [Fact]
    public async Task Update_RoleRefChanged_CannotChangeRoleRef()
    {
        var ns = await Server.CreateNamespaceAsync("rb");
        await CreateOkAsync("""{"metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"view"},"subjects":[{"kind":"User","name":"u"}]}""", ns);
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/b", """{"roleRef":{"name":"edit"}}""", "application/merge-patch+json");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("RoleBinding.rbac.authorization.k8s.io \"b\" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change roleRef");
    }

    [Fact]
    public async Task Table_RoleBinding_RoleAndWideSubjects()
    {
        var ns = await Server.CreateNamespaceAsync("rb");
        await CreateOkAsync("""{"metadata":{"name":"b"},"roleRef":{"kind":"ClusterRole","name":"view"},"subjects":[{"kind":"User","name":"alice"},{"kind":"User","name":"bob"},{"kind":"Group","name":"devs"},{"kind":"ServiceAccount","name":"sa","namespace":"kube-system"}]}""", ns);
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"]);
        var row = await RowAsync("b", ns);
        row.Select(c => c!.GetValue<string>()).Skip(3).ShouldBe(["alice, bob", "devs", "kube-system/sa"]);
        row[1]!.GetValue<string>().ShouldBe("ClusterRole/view");
    }
}
