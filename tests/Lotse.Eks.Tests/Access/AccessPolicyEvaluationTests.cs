using Lotse.Eks.Access;
using Lotse.Eks.Tests.Mapping;
using Lotse.Kube.Requests;

namespace Lotse.Eks.Tests.Access;

public class AccessPolicyEvaluationTests
{
    private static KubeRequestInfo Resource(string verb, string resource, string ns = "", string group = "", string sub = "") =>
        new() { IsResourceRequest = true, Path = "/", Verb = verb, Resource = resource, Namespace = ns, ApiGroup = group, Subresource = sub };

    private static KubeRequestInfo NonResource(string verb, string path) => new() { IsResourceRequest = false, Path = path, Verb = verb };

    private static MappedAccessEntry With(string policy, string scope = "cluster", params string[] namespaces) =>
        AwsAuthMapTests.Entry("arn:aws:iam::123456789012:user/dev", "dev", [], new AssociatedAccessPolicy
        {
            PolicyArn = EksAccessPolicies.ArnPrefix + policy,
            AccessScope = new AccessScope { Type = scope, Namespaces = [.. namespaces] },
            AssociatedAt = 1,
            ModifiedAt = 1,
        });

    [Fact]
    public void ClusterAdmin_AllowsEverythingIncludingNonResourceUrls()
    {
        var entry = With("AmazonEKSClusterAdminPolicy");
        EksAccessPolicyAuthorizer.Allows(entry, Resource("delete", "nodes")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("escalate", "clusterroles", group: "rbac.authorization.k8s.io")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, NonResource("get", "/metrics")).ShouldBeTrue();
    }

    [Fact]
    public void View_ReadsButNeitherWritesNorSeesSecrets()
    {
        var entry = With("AmazonEKSViewPolicy");
        EksAccessPolicyAuthorizer.Allows(entry, Resource("list", "configmaps", "default")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("watch", "deployments", "default", "apps")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("get", "pods", "default", sub: "log")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("create", "configmaps", "default")).ShouldBeFalse();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("get", "secrets", "default")).ShouldBeFalse();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("create", "pods", "default", sub: "exec")).ShouldBeFalse();
    }

    [Fact]
    public void AdminView_ReadsEverythingIncludingSecrets()
    {
        var entry = With("AmazonEKSAdminViewPolicy");
        EksAccessPolicyAuthorizer.Allows(entry, Resource("get", "secrets", "default")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("list", "clusterroles", group: "rbac.authorization.k8s.io")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("delete", "secrets", "default")).ShouldBeFalse();
    }

    [Fact]
    public void Edit_WritesWorkloadsButNotRbac_AdminAlsoWritesRoles()
    {
        var edit = With("AmazonEKSEditPolicy");
        EksAccessPolicyAuthorizer.Allows(edit, Resource("create", "deployments", "default", "apps")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(edit, Resource("get", "secrets", "default")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(edit, Resource("impersonate", "serviceaccounts", "default")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(edit, Resource("create", "rolebindings", "default", "rbac.authorization.k8s.io")).ShouldBeFalse();

        var admin = With("AmazonEKSAdminPolicy");
        EksAccessPolicyAuthorizer.Allows(admin, Resource("create", "rolebindings", "default", "rbac.authorization.k8s.io")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(admin, Resource("create", "localsubjectaccessreviews", "default", "authorization.k8s.io")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(admin, Resource("create", "clusterroles", group: "rbac.authorization.k8s.io")).ShouldBeFalse();
    }

    [Fact]
    public void NamespaceScope_AppliesOnlyInItsNamespaces()
    {
        var entry = With("AmazonEKSViewPolicy", "namespace", "team-a", "dev-*");
        EksAccessPolicyAuthorizer.Allows(entry, Resource("list", "configmaps", "team-a")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("list", "configmaps", "dev-42")).ShouldBeTrue();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("list", "configmaps", "kube-system")).ShouldBeFalse();
        EksAccessPolicyAuthorizer.Allows(entry, Resource("list", "configmaps")).ShouldBeFalse(); // all namespaces = cluster scope
        EksAccessPolicyAuthorizer.Allows(entry, Resource("list", "namespaces")).ShouldBeFalse();
        EksAccessPolicyAuthorizer.Allows(entry, NonResource("get", "/version")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("dev-*", "dev-a", true)]
    [InlineData("dev-*", "dev-", true)]
    [InlineData("dev-*", "prod-a", false)]
    [InlineData("*", "anything", true)]
    [InlineData("*-test", "a-test", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxc", false)]
    [InlineData("exact", "exactly", false)]
    public void NamespaceMatches_Wildcards(string pattern, string name, bool matches) =>
        EksAccessPolicyAuthorizer.NamespaceMatches(pattern, name).ShouldBe(matches);

    [Fact]
    public void EveryPolicy_HasAnArnUnderTheEksPolicyPrefix_AndIsFoundByIt()
    {
        EksAccessPolicies.All.Count.ShouldBeGreaterThanOrEqualTo(15);
        foreach (var policy in EksAccessPolicies.All)
        {
            EksAccessPolicies.Find(policy.Arn).ShouldBe(policy);
        }

        EksAccessPolicies.All.Select(p => p.Name).ShouldBe(EksAccessPolicies.All.Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
