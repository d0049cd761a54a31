namespace Lotse.Kube.Auth;

/// <summary>
/// Lists what a user may do in a namespace, as RBAC's rule resolver does for SelfSubjectRulesReview
/// (<c>kubectl auth can-i --list</c>). Implemented by the RBAC authorizer; EKS access policies are not listed (as on EKS).
/// </summary>
public interface IKubeRuleResolver
{
    ValueTask<KubeUserRules> RulesForAsync(KubeCluster cluster, KubeUser user, string @namespace, CancellationToken cancellationToken);
}

/// <summary>The rules that apply to a user in one namespace (cluster-wide ones included).</summary>
/// <param name="Incomplete">True when some rule could not be resolved (e.g. a binding to a missing role).</param>
/// <param name="EvaluationError">Why the list is incomplete; empty otherwise.</param>
public sealed record KubeUserRules(IReadOnlyList<KubeResourceRule> ResourceRules, IReadOnlyList<KubeNonResourceRule> NonResourceRules, bool Incomplete, string EvaluationError);

public sealed record KubeResourceRule(IReadOnlyList<string> Verbs, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> ResourceNames);

public sealed record KubeNonResourceRule(IReadOnlyList<string> Verbs, IReadOnlyList<string> NonResourceUrls);
