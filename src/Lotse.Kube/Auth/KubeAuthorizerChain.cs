using Lotse.Kube.Requests;

namespace Lotse.Kube.Auth;

/// <summary>
/// kube-apiserver's union authorizer: asks each authorizer in order and allows at the first that allows. When none
/// allows, the reasons of those that gave one are joined, as kube-apiserver joins them in the forbidden message.
/// </summary>
public sealed class KubeAuthorizerChain(IEnumerable<IKubeAuthorizer> authorizers) : IKubeAuthorizer
{
    private readonly IKubeAuthorizer[] _authorizers = authorizers.ToArray();

    public async ValueTask<KubeAuthorizationDecision> AuthorizeAsync(KubeCluster cluster, KubeUser user, KubeRequestInfo request, CancellationToken cancellationToken)
    {
        List<string>? reasons = null;
        foreach (var authorizer in _authorizers)
        {
            var decision = await authorizer.AuthorizeAsync(cluster, user, request, cancellationToken);
            if (decision.Allowed)
            {
                return decision;
            }

            if (decision.Reason.Length > 0)
            {
                (reasons ??= []).Add(decision.Reason);
            }
        }

        return KubeAuthorizationDecision.Deny(reasons is null ? "" : string.Join(", ", reasons));
    }
}
