using Lotse.Kube;

namespace Lotse.Kube.Tests.Infrastructure;

/// <summary>Maps fixed tokens to users: an admin in system:masters and a plain authenticated user.</summary>
public sealed class TestAuthenticator : IKubeTokenAuthenticator
{
    public const string AdminToken = "test-admin-token";
    public const string ViewerToken = "test-viewer-token";
    public const string RejectedToken = "test-rejected-token";

    public ValueTask<KubeAuthenticationResult> AuthenticateAsync(KubeCluster cluster, string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(token switch
        {
            AdminToken => KubeAuthenticationResult.Success(new KubeUser("admin", "admin-uid", ["system:masters", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>())),
            ViewerToken => KubeAuthenticationResult.Success(new KubeUser("viewer", "viewer-uid", ["system:authenticated"], new Dictionary<string, IReadOnlyList<string>>())),
            RejectedToken => KubeAuthenticationResult.Failure("token expired"),
            _ => default,
        });
}
