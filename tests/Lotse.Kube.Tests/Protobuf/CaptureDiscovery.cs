using System.Text.Json.Nodes;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>The legacy discovery documents <see cref="KubectlCaptureServer"/> serves: just enough for kubectl's create commands.</summary>
internal static class CaptureDiscovery
{
    private static readonly (string GroupVersion, (string Name, string Kind, bool Namespaced)[] Resources)[] Groups =
    [
        ("v1", [
            ("configmaps", "ConfigMap", true), ("secrets", "Secret", true), ("namespaces", "Namespace", false),
            ("serviceaccounts", "ServiceAccount", true), ("serviceaccounts/token", "TokenRequest", true), ("services", "Service", true),
            ("pods", "Pod", true), ("resourcequotas", "ResourceQuota", true), ("endpoints", "Endpoints", true), ("events", "Event", true),
        ]),
        ("apps/v1", [("deployments", "Deployment", true)]),
        ("batch/v1", [("jobs", "Job", true), ("cronjobs", "CronJob", true)]),
        ("rbac.authorization.k8s.io/v1", [
            ("roles", "Role", true), ("rolebindings", "RoleBinding", true),
            ("clusterroles", "ClusterRole", false), ("clusterrolebindings", "ClusterRoleBinding", false),
        ]),
        ("networking.k8s.io/v1", [("ingresses", "Ingress", true)]),
        ("policy/v1", [("poddisruptionbudgets", "PodDisruptionBudget", true)]),
        ("scheduling.k8s.io/v1", [("priorityclasses", "PriorityClass", false)]),
    ];

    public static JsonObject? Document(string path)
    {
        switch (path)
        {
            case "/version":
                return new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.4", ["platform"] = "linux/amd64" };
            case "/api":
                return new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") };
            case "/apis":
                return new JsonObject
                {
                    ["kind"] = "APIGroupList",
                    ["apiVersion"] = "v1",
                    ["groups"] = new JsonArray(Groups.Skip(1).Select(g => (JsonNode)Group(g.GroupVersion)).ToArray()),
                };
        }

        var match = Groups.FirstOrDefault(g => path == (g.GroupVersion == "v1" ? "/api/v1" : "/apis/" + g.GroupVersion));
        return match.Resources is null ? null : ResourceList(match.GroupVersion, match.Resources);
    }

    private static JsonObject Group(string groupVersion)
    {
        var (group, version) = (groupVersion.Split('/')[0], groupVersion.Split('/')[1]);
        var entry = new JsonObject { ["groupVersion"] = groupVersion, ["version"] = version };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(entry),
            ["preferredVersion"] = entry.DeepClone(),
        };
    }

    private static JsonObject ResourceList(string groupVersion, (string Name, string Kind, bool Namespaced)[] resources) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["singularName"] = r.Name.Contains('/', StringComparison.Ordinal) ? "" : r.Kind.ToLowerInvariant(),
            ["namespaced"] = r.Namespaced,
            ["kind"] = r.Kind,
            ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update", "watch"),
        }).ToArray()),
    };
}
