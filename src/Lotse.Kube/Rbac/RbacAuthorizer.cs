using Lotse.Kube.Auth;
using Lotse.Kube.Requests;
using Lotse.Storage;

namespace Lotse.Kube.Rbac;

/// <summary>
/// kube-apiserver's RBAC authorizer (plus its privileged-group authorizer in front: <c>system:masters</c> may do
/// everything). Decides from the cluster's in-memory policy (<see cref="RbacPolicyCache"/>). A denial carries no reason
/// (the forbidden message ends after the request description), unless one of the user's bindings refers to a missing
/// role: then <c>RBAC: …not found</c>, as kube-apiserver appends it.
/// </summary>
public sealed class RbacAuthorizer(IStore store) : IKubeAuthorizer, IKubeRuleResolver
{
    public const string MastersGroup = "system:masters";

    private readonly RbacPolicyCache _cache = RbacPolicyCache.For(store);

    public ValueTask<KubeAuthorizationDecision> AuthorizeAsync(KubeCluster cluster, KubeUser user, KubeRequestInfo request, CancellationToken cancellationToken)
    {
        if (IsMaster(user))
        {
            return ValueTask.FromResult(KubeAuthorizationDecision.Allow);
        }

        var pending = _cache.GetAsync(cluster, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? ValueTask.FromResult(Decide(pending.Result, user, request))
            : DecideAsync(pending, user, request);
    }

    public async ValueTask<KubeUserRules> RulesForAsync(KubeCluster cluster, KubeUser user, string @namespace, CancellationToken cancellationToken)
    {
        var snapshot = await _cache.GetAsync(cluster, cancellationToken);
        var (rules, errors) = snapshot.RulesFor(user, @namespace);
        var resourceRules = rules.Where(r => !r.IsNonResource).Select(r => new KubeResourceRule(r.Verbs, r.ApiGroups, r.Resources, r.ResourceNames)).ToList();
        var urlRules = rules.Where(r => r.IsNonResource).Select(r => new KubeNonResourceRule(r.Verbs, r.NonResourceUrls)).ToList();
        return new KubeUserRules(resourceRules, urlRules, errors.Count > 0, EvaluationError(errors));
    }

    /// <summary>The rules the user holds in <paramref name="namespace"/> (cluster-wide included), for escalation checks.</summary>
    public async ValueTask<(List<RbacPolicyRule> Rules, string Error)> RulesAsync(KubeCluster cluster, KubeUser user, string @namespace, CancellationToken cancellationToken)
    {
        var snapshot = await _cache.GetAsync(cluster, cancellationToken);
        var (rules, errors) = snapshot.RulesFor(user, @namespace);
        return (rules, EvaluationError(errors));
    }

    public static bool IsMaster(KubeUser user)
    {
        foreach (var group in user.Groups)
        {
            if (group == MastersGroup)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>apimachinery's error aggregate: one message as is, several as <c>[a, b]</c>.</summary>
    private static string EvaluationError(List<string> errors) => errors.Count switch
    {
        0 => "",
        1 => errors[0],
        _ => "[" + string.Join(", ", errors) + "]",
    };

    private static async ValueTask<KubeAuthorizationDecision> DecideAsync(ValueTask<RbacPolicySnapshot> pending, KubeUser user, KubeRequestInfo request) =>
        Decide(await pending, user, request);

    private static KubeAuthorizationDecision Decide(RbacPolicySnapshot snapshot, KubeUser user, KubeRequestInfo request)
    {
        var allowed = request.IsResourceRequest
            ? snapshot.AllowsResource(user, request.Namespace, request.Verb, request.ApiGroup, request.Resource, request.Subresource, request.Name)
            : snapshot.AllowsNonResource(user, request.Verb, request.Path);
        return allowed ? KubeAuthorizationDecision.Allow : KubeAuthorizationDecision.Deny(snapshot.DenyReason(user, request.IsResourceRequest ? request.Namespace : ""));
    }
}
