using Lotse.Kube.Requests;

namespace Lotse.Kube.Auth;

/// <summary>Decides whether a user may do what a request asks. The masters-only authorizer is the first; RBAC replaces it.</summary>
public interface IKubeAuthorizer
{
    /// <summary>Returns null when allowed, else the reason appended to the forbidden message (may be empty).</summary>
    ValueTask<KubeAuthorizationDecision> AuthorizeAsync(KubeCluster cluster, KubeUser user, KubeRequestInfo request, CancellationToken cancellationToken);
}

/// <summary>An authorizer's answer; <see cref="Reason"/> is appended to kube-apiserver's forbidden message when not empty.</summary>
public readonly record struct KubeAuthorizationDecision(bool Allowed, string Reason)
{
    public static KubeAuthorizationDecision Allow => new(true, "");

    public static KubeAuthorizationDecision Deny(string reason = "") => new(false, reason);
}
