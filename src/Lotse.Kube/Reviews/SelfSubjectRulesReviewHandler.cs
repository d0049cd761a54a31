using System.Text.Json.Nodes;
using Lotse.Kube.Auth;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Reviews;

/// <summary>
/// <c>kubectl auth can-i --list</c>: the rules that apply to the requesting user in <c>spec.namespace</c>, from every
/// rule resolver (RBAC), joined as upstream's union resolver joins them.
/// </summary>
public sealed class SelfSubjectRulesReviewHandler : IKubeResourceHandler
{
    public async Task HandleAsync(KubeRequestContext request)
    {
        var review = await ReviewBody.ReadAsync(request, request.Resource);
        var ns = review.GetObject("spec").GetString("namespace") ?? "";
        if (ns.Length == 0)
        {
            throw KubeStatus.BadRequest("no namespace on request").ToException();
        }

        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        var incomplete = false;
        var evaluationErrors = new List<string>();
        foreach (var resolver in ReviewBody.Services(request).RuleResolvers)
        {
            var rules = await resolver.RulesForAsync(request.Scope.Cluster, request.User, ns, request.Aborted);
            foreach (var rule in rules.ResourceRules)
            {
                resourceRules.Add(ResourceRule(rule));
            }

            foreach (var rule in rules.NonResourceRules)
            {
                nonResourceRules.Add(new JsonObject { ["verbs"] = ReviewBody.ToArray(rule.Verbs), ["nonResourceURLs"] = ReviewBody.ToArray(rule.NonResourceUrls) });
            }

            incomplete |= rules.Incomplete;
            if (rules.EvaluationError.Length > 0)
            {
                evaluationErrors.Add(rules.EvaluationError);
            }
        }

        // Upstream answers with a fresh object: the request's spec is not echoed.
        var status = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = incomplete };
        if (evaluationErrors.Count > 0)
        {
            status["evaluationError"] = evaluationErrors.Count == 1 ? evaluationErrors[0] : "[" + string.Join(", ", evaluationErrors) + "]";
        }

        var answer = new JsonObject
        {
            ["apiVersion"] = request.Resource.GroupVersion,
            ["kind"] = request.Resource.Kind,
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = new JsonObject(),
            ["status"] = status,
        };
        await ReviewBody.WriteAsync(request, answer);
    }

    private static JsonObject ResourceRule(KubeResourceRule rule)
    {
        var obj = new JsonObject { ["verbs"] = ReviewBody.ToArray(rule.Verbs) };
        if (rule.ApiGroups.Count > 0)
        {
            obj["apiGroups"] = ReviewBody.ToArray(rule.ApiGroups);
        }

        if (rule.Resources.Count > 0)
        {
            obj["resources"] = ReviewBody.ToArray(rule.Resources);
        }

        if (rule.ResourceNames.Count > 0)
        {
            obj["resourceNames"] = ReviewBody.ToArray(rule.ResourceNames);
        }

        return obj;
    }
}
