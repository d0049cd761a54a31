using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Requests;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Rbac;

/// <summary>
/// kube-apiserver's policy-based RBAC storage (<c>registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased</c>):
/// writing a role needs the <c>escalate</c> verb on it or holding every permission it grants; writing a binding needs
/// <c>bind</c> on the role it refers to or holding all of that role's permissions. <c>system:masters</c> is exempt, and
/// so are Lotse's own writes (no user).
/// </summary>
public static class RbacWriteChecks
{
    /// <summary>Everything: what setting an aggregationRule needs, since it can gather any rule.</summary>
    private static readonly RbacPolicyRule[] FullAuthority = [RbacPolicyRule.Resource(["*"], ["*"], ["*"]), RbacPolicyRule.Urls(["*"], ["*"])];

    /// <summary>Create or update of a Role (<paramref name="ns"/> set) or ClusterRole.</summary>
    /// <param name="aggregates">A ClusterRole that has (or had, on update) an aggregationRule: the user must hold everything.</param>
    public static async ValueTask ConfirmRoleAsync(KubeWriteContext context, string resource, string ns, string name, IReadOnlyList<RbacPolicyRule> rules, bool aggregates = false)
    {
        if (context.User is not { } user || RbacAuthorizer.IsMaster(user))
        {
            return;
        }

        if (await AuthorizedAsync(context, user, "escalate", resource, ns, name))
        {
            return;
        }

        var groupResource = new KubeGroupResource(BootstrapPolicy.Group, resource);
        await ConfirmNoEscalationAsync(context, user, groupResource, name, ns, rules);
        if (aggregates)
        {
            var (held, _) = await new RbacAuthorizer(context.Store).RulesAsync(context.Cluster, user, ns, context.CancellationToken);
            if (RbacEscalation.Missing(held, FullAuthority).Count > 0)
            {
                throw KubeStatus.Forbidden(groupResource, name, "must have cluster-admin privileges to use the aggregationRule").ToException();
            }
        }
    }

    /// <summary>Create or update of a RoleBinding (<paramref name="ns"/> set) or ClusterRoleBinding.</summary>
    public static async ValueTask ConfirmBindingAsync(KubeWriteContext context, string resource, string ns, string name, JsonObject binding)
    {
        if (context.User is not { } user || RbacAuthorizer.IsMaster(user))
        {
            return;
        }

        var roleRef = binding.GetObject("roleRef");
        var roleKind = roleRef.GetString("kind");
        var roleName = roleRef.GetString("name") ?? "";
        var roleResource = roleKind == "ClusterRole" ? "clusterroles" : "roles";
        if (await AuthorizedAsync(context, user, "bind", roleResource, ns, roleName))
        {
            return;
        }

        var roleNamespace = roleKind == "ClusterRole" ? "" : ns;
        var key = roleNamespace.Length > 0
            ? $"{context.Cluster.StoragePrefix}registry/{BootstrapPolicy.Group}/roles/{roleNamespace}/{roleName}"
            : $"{context.Cluster.StoragePrefix}registry/{BootstrapPolicy.Group}/clusterroles/{roleName}";
        var stored = await context.Store.GetAsync(key, 0, context.CancellationToken)
            ?? throw KubeStatus.NotFound(new KubeGroupResource(BootstrapPolicy.Group, roleResource), roleName).ToException();
        var rules = RbacPolicyRule.ListFromJson(ObjectBytes.Parse(stored.Value, stored.ModRevision));
        await ConfirmNoEscalationAsync(context, user, new KubeGroupResource(BootstrapPolicy.Group, resource), name, ns, rules);
    }

    /// <summary>
    /// <c>IsOnlyMutatingGCFields</c>: an update that only changes ownerReferences or finalizers (the garbage collector's
    /// business) is never an escalation.
    /// </summary>
    public static bool OnlyGarbageCollectionFields(JsonObject obj, JsonObject old)
    {
        static JsonObject Strip(JsonObject o)
        {
            var copy = (JsonObject)o.DeepClone();
            var meta = copy.Metadata();
            foreach (var field in new[] { "ownerReferences", "finalizers", "resourceVersion", "managedFields" })
            {
                meta.Remove(field);
            }

            return copy;
        }

        return JsonNode.DeepEquals(Strip(obj), Strip(old));
    }

    private static async ValueTask<bool> AuthorizedAsync(KubeWriteContext context, KubeUser user, string verb, string resource, string ns, string name)
    {
        var request = new KubeRequestInfo
        {
            IsResourceRequest = true,
            Path = "",
            Verb = verb,
            ApiGroup = BootstrapPolicy.Group,
            ApiVersion = "*",
            Namespace = ns,
            Resource = resource,
            Name = name,
        };
        var authorizer = context.Authorizer ?? new RbacAuthorizer(context.Store);
        var decision = await authorizer.AuthorizeAsync(context.Cluster, user, request, context.CancellationToken);
        return decision.Allowed;
    }

    private static async ValueTask ConfirmNoEscalationAsync(KubeWriteContext context, KubeUser user, KubeGroupResource resource, string name, string ns, IReadOnlyList<RbacPolicyRule> rules)
    {
        var (held, error) = await new RbacAuthorizer(context.Store).RulesAsync(context.Cluster, user, ns, context.CancellationToken);
        var missing = RbacEscalation.Missing(held, rules);
        if (missing.Count > 0)
        {
            throw KubeStatus.Forbidden(resource, name, RbacEscalation.Message(user, missing, error)).ToException();
        }
    }
}
