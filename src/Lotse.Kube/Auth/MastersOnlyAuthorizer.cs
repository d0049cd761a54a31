using Lotse.Kube.Requests;

namespace Lotse.Kube.Auth;

/// <summary>
/// Until RBAC: members of <c>system:masters</c> may do everything (as the bootstrap cluster-admin binding grants);
/// everybody may read discovery and health (system:discovery, system:public-info-viewer).
/// </summary>
public sealed class MastersOnlyAuthorizer : IKubeAuthorizer
{
    public const string MastersGroup = "system:masters";

    public ValueTask<KubeAuthorizationDecision> AuthorizeAsync(KubeCluster cluster, KubeUser user, KubeRequestInfo request, CancellationToken cancellationToken)
    {
        if (user.Groups.Contains(MastersGroup))
        {
            return ValueTask.FromResult(KubeAuthorizationDecision.Allow);
        }

        if (!request.IsResourceRequest && request.Verb == "get" && !user.IsAnonymous)
        {
            return ValueTask.FromResult(KubeAuthorizationDecision.Allow);
        }

        return ValueTask.FromResult(KubeAuthorizationDecision.Deny());
    }
}
