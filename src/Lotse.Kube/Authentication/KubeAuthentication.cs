namespace Lotse.Kube.Authentication;

/// <summary>
/// kube-apiserver's union token authenticator: each authenticator is asked in turn, the first user wins, failures are
/// collected. Used for every request's bearer token (audience: the API server) and by TokenReview (any audiences).
/// </summary>
public sealed class KubeAuthentication(IEnumerable<IKubeTokenAuthenticator> authenticators)
{
    /// <summary>The API server's audiences (<c>--api-audiences</c>); EKS issues and accepts <c>https://kubernetes.default.svc</c>.</summary>
    public static readonly IReadOnlyList<string> ApiAudiences = ["https://kubernetes.default.svc"];

    /// <summary>What TokenReview's status reports when no authenticator recognised the token (the bearer-token authenticator's default error).</summary>
    public const string InvalidBearerToken = "invalid bearer token";

    private readonly IKubeTokenAuthenticator[] _authenticators = authenticators.ToArray();

    /// <summary>Authenticates <paramref name="token"/> for <paramref name="audiences"/> (the API audiences when empty).</summary>
    public async ValueTask<TokenAuthenticationOutcome> AuthenticateAsync(KubeCluster cluster, string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        var requested = audiences.Count > 0 ? audiences : ApiAudiences;
        List<string>? errors = null;
        foreach (var authenticator in _authenticators)
        {
            KubeAuthenticationResult result;
            IReadOnlyList<string> granted;
            if (authenticator is IKubeAudienceTokenAuthenticator audienceAware)
            {
                (result, granted) = await audienceAware.AuthenticateAsync(cluster, token, requested, cancellationToken);
            }
            else
            {
                granted = ApiAudiences.Intersect(requested, StringComparer.Ordinal).ToList();
                if (granted.Count == 0)
                {
                    continue;
                }

                result = await authenticator.AuthenticateAsync(cluster, token, cancellationToken);
            }

            if (result.User is { } user)
            {
                return new TokenAuthenticationOutcome(user, granted, null);
            }

            if (result.FailureReason is { } reason)
            {
                (errors ??= []).Add(reason);
            }
        }

        var error = errors is null ? InvalidBearerToken : "[" + InvalidBearerToken + ", " + string.Join(", ", errors) + "]";
        return new TokenAuthenticationOutcome(null, [], error);
    }
}

/// <summary>A user and the audiences the token was accepted for, or the error TokenReview reports.</summary>
public sealed record TokenAuthenticationOutcome(KubeUser? User, IReadOnlyList<string> Audiences, string? Error);
