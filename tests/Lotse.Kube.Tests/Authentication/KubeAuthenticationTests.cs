using Lotse.Kube.Authentication;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Authentication;

/// <summary>The union token authenticator: audience-agnostic authenticators answer only for the API server's audiences; failures are aggregated.</summary>
public sealed class KubeAuthenticationTests
{
    private static readonly KubeCluster Cluster = new("C1", "c", "10.100.0.0/16", "1.32");

    [Fact]
    public async Task Authenticate_ApiAudience_AgnosticAuthenticatorAnswersWithApiAudiences()
    {
        var outcome = await new KubeAuthentication([new TestAuthenticator()]).AuthenticateAsync(Cluster, TestAuthenticator.AdminToken, [], CancellationToken.None);
        outcome.User!.Name.ShouldBe("admin");
        outcome.Audiences.ShouldBe(["https://kubernetes.default.svc"]);
    }

    [Fact]
    public async Task Authenticate_OtherAudience_AgnosticAuthenticatorNotAsked()
    {
        var outcome = await new KubeAuthentication([new TestAuthenticator()]).AuthenticateAsync(Cluster, TestAuthenticator.AdminToken, ["vault"], CancellationToken.None);
        outcome.User.ShouldBeNull();
        outcome.Error.ShouldBe("invalid bearer token");
    }

    [Fact]
    public async Task Authenticate_Rejected_ErrorsAggregatedAfterInvalidBearerToken()
    {
        var outcome = await new KubeAuthentication([new TestAuthenticator(), new TestAuthenticator()]).AuthenticateAsync(Cluster, TestAuthenticator.RejectedToken, [], CancellationToken.None);
        outcome.Error.ShouldBe("[invalid bearer token, token expired, token expired]");
    }

    [Theory]
    [InlineData("system:serviceaccount:ns:name", true)]
    [InlineData("system:serviceaccount:ns:name:extra", false)]
    [InlineData("system:serviceaccount:NS:name", false)]
    [InlineData("system:serviceaccounts:ns", false)]
    [InlineData("alice", false)]
    public void TrySplit_ServiceAccountUsernames(string username, bool valid)
    {
        ServiceAccountUsername.TrySplit(username, out var ns, out var name).ShouldBe(valid);
        if (valid)
        {
            (ns, name).ShouldBe(("ns", "name"));
        }
    }
}
