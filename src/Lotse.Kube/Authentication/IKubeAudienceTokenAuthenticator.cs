namespace Lotse.Kube.Authentication;

/// <summary>
/// A token authenticator that knows which audiences a token is for (service-account JWTs). Authenticators that do not
/// implement it are audience-agnostic: they answer only when the requested audiences include the API server's own, as
/// kube-apiserver's <c>WrapAudienceAgnosticToken</c> makes them.
/// </summary>
public interface IKubeAudienceTokenAuthenticator : IKubeTokenAuthenticator
{
    /// <summary>Authenticates for <paramref name="audiences"/>; on success also returns the audiences the token is valid for among them.</summary>
    ValueTask<(KubeAuthenticationResult Result, IReadOnlyList<string> Audiences)> AuthenticateAsync(KubeCluster cluster, string token, IReadOnlyList<string> audiences, CancellationToken cancellationToken);
}
