using Lotse.Kube;

namespace Lotse.Kube.Tests.Infrastructure;

/// <summary>
/// Maps fixed tokens to users: an admin in system:masters and a plain authenticated user; and
/// <c>test-user:NAME[:GROUP,GROUP]</c> to user NAME in those groups plus system:authenticated (tests that bind roles use
/// their own names so they do not change what other tests' users may do).
/// </summary>
public sealed class TestAuthenticator : IKubeTokenAuthenticator
{
    public const string AdminToken = "test-admin-token";
    public const string ViewerToken = "test-viewer-token";
    public const string RejectedToken = "test-rejected-token";
    public const string UserTokenPrefix = "test-user:";

    /// <summary>A token for user <paramref name="name"/> in <paramref name="groups"/> (and system:authenticated).</summary>
    public static string UserToken(string name, params string[] groups) =>
        UserTokenPrefix + name + (groups.Length > 0 ? ":" + string.Join(",", groups) : "");

    public ValueTask<KubeAuthenticationResult> AuthenticateAsync(KubeCluster cluster, string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(token switch
        {
            AdminToken => KubeAuthenticationResult.Success(new KubeUser("admin", "admin-uid", ["system:masters", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>())),
            ViewerToken => KubeAuthenticationResult.Success(new KubeUser("viewer", "viewer-uid", ["system:authenticated"], new Dictionary<string, IReadOnlyList<string>>())),
            RejectedToken => KubeAuthenticationResult.Failure("token expired"),
            _ when token.StartsWith(UserTokenPrefix, StringComparison.Ordinal) => KubeAuthenticationResult.Success(UserOf(token[UserTokenPrefix.Length..])),
            _ => default,
        });

    private static KubeUser UserOf(string text)
    {
        var parts = text.Split(':', 2);
        var groups = parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() : [];
        groups.Add("system:authenticated");
        return new KubeUser(parts[0], parts[0] + "-uid", groups, new Dictionary<string, IReadOnlyList<string>>());
    }
}
