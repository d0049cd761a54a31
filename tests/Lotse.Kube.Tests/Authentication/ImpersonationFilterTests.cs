using Lotse.Kube.Auth;
using Lotse.Kube.Authentication;
using Lotse.Kube.Errors;
using Lotse.Kube.Requests;
using Microsoft.AspNetCore.Http;

namespace Lotse.Kube.Tests.Authentication;

/// <summary>kube-apiserver's impersonation filter rules, against an authorizer that records each check.</summary>
public sealed class ImpersonationFilterTests
{
    private static readonly KubeCluster Cluster = new("C1", "c", "10.100.0.0/16", "1.32");
    private static readonly KubeUser Alice = new("alice", "a-uid", ["devs", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>());

    [Fact]
    public async Task Apply_NoHeaders_ImpersonatesNobody()
    {
        var outcome = await ImpersonationFilter.ApplyAsync(new HeaderDictionary(), Cluster, Alice, new RecordingAuthorizer(), CancellationToken.None);
        outcome.User.ShouldBeNull();
        outcome.InternalError.ShouldBeNull();
    }

    [Fact]
    public async Task Apply_UserAndGroups_ChecksEachAndAddsAuthenticated()
    {
        var authorizer = new RecordingAuthorizer();
        var headers = new HeaderDictionary { ["Impersonate-User"] = "bob", ["Impersonate-Group"] = new(["g1", "g2"]) };
        var user = (await ImpersonationFilter.ApplyAsync(headers, Cluster, Alice, authorizer, CancellationToken.None)).User!;
        user.Name.ShouldBe("bob");
        user.Groups.ShouldBe(["g1", "g2", "system:authenticated"]);
        user.Impersonated.ShouldBeTrue();
        authorizer.Checks.Select(c => $"{c.Verb} {c.Resource} {c.Name}").ShouldBe(["impersonate users bob", "impersonate groups g1", "impersonate groups g2"]);
    }

    [Fact]
    public async Task Apply_ServiceAccountUser_ChecksServiceAccountAndDefaultsItsGroups()
    {
        var authorizer = new RecordingAuthorizer();
        var headers = new HeaderDictionary { ["Impersonate-User"] = "system:serviceaccount:apps:builder" };
        var user = (await ImpersonationFilter.ApplyAsync(headers, Cluster, Alice, authorizer, CancellationToken.None)).User!;
        user.Name.ShouldBe("system:serviceaccount:apps:builder");
        user.Groups.ShouldBe(["system:serviceaccounts", "system:serviceaccounts:apps", "system:authenticated"]);
        var check = authorizer.Checks.Single();
        (check.Resource, check.Namespace, check.Name, check.ApiGroup).ShouldBe(("serviceaccounts", "apps", "builder", ""));
    }

    [Fact]
    public async Task Apply_ExtraAndUid_CheckedInAuthenticationGroup()
    {
        var authorizer = new RecordingAuthorizer();
        var headers = new HeaderDictionary { ["Impersonate-User"] = "bob", ["Impersonate-Extra-Example.com%2fScopes"] = new(["read", "write"]), ["Impersonate-Uid"] = "1234" };
        var user = (await ImpersonationFilter.ApplyAsync(headers, Cluster, Alice, authorizer, CancellationToken.None)).User!;
        user.Uid.ShouldBe("1234");
        user.Extra["example.com/scopes"].ShouldBe(["read", "write"]);
        authorizer.Checks.Select(c => $"{c.ApiGroup} {c.Resource}/{c.Subresource} {c.Name}")
            .ShouldBe([" users/ bob", "authentication.k8s.io userextras/example.com/scopes read", "authentication.k8s.io userextras/example.com/scopes write", "authentication.k8s.io uids/ 1234"], ignoreOrder: false);
    }

    [Fact]
    public async Task Apply_AnonymousOrUnauthenticatedGroup_NoAuthenticatedGroup()
    {
        var anonymous = (await ImpersonationFilter.ApplyAsync(new HeaderDictionary { ["Impersonate-User"] = "system:anonymous" }, Cluster, Alice, new RecordingAuthorizer(), CancellationToken.None)).User!;
        anonymous.Groups.ShouldBe(["system:unauthenticated"]);
        var named = (await ImpersonationFilter.ApplyAsync(new HeaderDictionary { ["Impersonate-User"] = "bob", ["Impersonate-Group"] = "system:unauthenticated" }, Cluster, Alice, new RecordingAuthorizer(), CancellationToken.None)).User!;
        named.Groups.ShouldBe(["system:unauthenticated"]);
    }

    [Fact]
    public async Task Apply_GroupWithoutUser_InternalErrorAsUpstream()
    {
        var outcome = await ImpersonationFilter.ApplyAsync(new HeaderDictionary { ["Impersonate-Group"] = "g1" }, Cluster, Alice, new RecordingAuthorizer(), CancellationToken.None);
        outcome.InternalError.ShouldBe("requested [{Group  g1    }] without impersonating a user");
        ImpersonationFilter.InternalErrorText("/api/v1/pods", outcome.InternalError!)
            .ShouldBe("Internal Server Error: \"/api/v1/pods\": requested [{Group  g1    }] without impersonating a user");
    }

    [Fact]
    public async Task Apply_Refused_ForbiddenWordForWord()
    {
        var deny = new RecordingAuthorizer { Allow = c => c.Resource != "groups" };
        var headers = new HeaderDictionary { ["Impersonate-User"] = "bob", ["Impersonate-Group"] = "admins" };
        var e = await Should.ThrowAsync<KubeStatusException>(() => ImpersonationFilter.ApplyAsync(headers, Cluster, Alice, deny, CancellationToken.None).AsTask());
        e.Status.Code.ShouldBe(403);
        e.Status.Message.ShouldBe("groups \"admins\" is forbidden: User \"alice\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope");

        var saDenied = new RecordingAuthorizer { Allow = _ => false };
        var sa = await Should.ThrowAsync<KubeStatusException>(() => ImpersonationFilter.ApplyAsync(new HeaderDictionary { ["Impersonate-User"] = "system:serviceaccount:ns1:x" }, Cluster, Alice, saDenied, CancellationToken.None).AsTask());
        sa.Status.Message.ShouldBe("serviceaccounts \"x\" is forbidden: User \"alice\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"ns1\"");
    }

    private sealed class RecordingAuthorizer : IKubeAuthorizer
    {
        public List<KubeRequestInfo> Checks { get; } = [];

        public Func<KubeRequestInfo, bool> Allow { get; init; } = _ => true;

        public ValueTask<KubeAuthorizationDecision> AuthorizeAsync(KubeCluster cluster, KubeUser user, KubeRequestInfo request, CancellationToken cancellationToken)
        {
            Checks.Add(request);
            return ValueTask.FromResult(Allow(request) ? KubeAuthorizationDecision.Allow : KubeAuthorizationDecision.Deny());
        }
    }
}
