using static Lotse.Eks.Access.AccessPolicyRule;

namespace Lotse.Eks.Access;

/// <summary>
/// The access policies EKS offers (ListAccessPolicies) and what each allows (EKS User Guide, access policy permissions):
/// ClusterAdmin ≈ cluster-admin, AdminView = read everything, Admin ≈ admin, Edit ≈ edit, View ≈ view. Policies are allow-only.
/// </summary>
public static class EksAccessPolicies
{
    public const string ArnPrefix = "arn:aws:eks::aws:cluster-access-policy/";
    public const string ClusterAdmin = ArnPrefix + "AmazonEKSClusterAdminPolicy";

    private static readonly AccessPolicyRule[] ViewRules =
    [
        Resource(Read, "", "configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers",
            "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"),
        Resource(Read, "", "bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status",
            "resourcequotas", "resourcequotas/status"),
        Resource(Read, "", "namespaces"),
        Resource(Read, "discovery.k8s.io", "endpointslices"),
        Resource(Read, "apps", "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
            "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"),
        Resource(Read, "autoscaling", "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
        Resource(Read, "batch", "cronjobs", "cronjobs/status", "jobs", "jobs/status"),
        Resource(Read, "extensions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
            "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"),
        Resource(Read, "policy", "poddisruptionbudgets", "poddisruptionbudgets/status"),
        Resource(Read, "networking.k8s.io", "ingresses", "ingresses/status", "networkpolicies"),
    ];

    private static readonly AccessPolicyRule[] EditRules =
    [
        .. ViewRules,
        Resource(Read, "", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"),
        Resource(["impersonate"], "", "serviceaccounts"),
        Resource(Write, "", "pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"),
        Resource(["create"], "", "pods/eviction", "serviceaccounts/token"),
        Resource(Write, "", "configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets",
            "serviceaccounts", "services", "services/proxy"),
        Resource(Write, "apps", "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
            "statefulsets", "statefulsets/scale"),
        Resource(Write, "autoscaling", "horizontalpodautoscalers"),
        Resource(Write, "batch", "cronjobs", "jobs"),
        Resource(Write, "extensions", "daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies",
            "replicasets", "replicasets/scale", "replicationcontrollers/scale"),
        Resource(Write, "policy", "poddisruptionbudgets"),
        Resource(Write, "networking.k8s.io", "ingresses", "networkpolicies"),
    ];

    private static readonly AccessPolicyRule[] AdminRules =
    [
        .. EditRules,
        Resource(ReadWrite, "rbac.authorization.k8s.io", "rolebindings", "roles"),
        Resource(["create"], "authorization.k8s.io", "localsubjectaccessreviews"),
    ];

    /// <summary>Every policy by ARN, sorted by name; the node and add-on policies Lotse has no workload for grant what their documentation lists.</summary>
    public static readonly IReadOnlyList<EksAccessPolicy> All = new EksAccessPolicy[]
    {
        new("AmazonAIOpsAssistantPolicy", [Resource(Read, "*", "*")]),
        new("AmazonARCRegionSwitchScalingPolicy", [Resource(Read, "apps", "deployments", "deployments/scale"), Resource(["patch", "update"], "apps", "deployments/scale")]),
        new("AmazonEKSAdminPolicy", AdminRules),
        new("AmazonEKSAdminViewPolicy", [Resource(Read, "*", "*")]),
        new("AmazonEKSAutoNodePolicy", [Resource(Read, "", "nodes", "pods"), Resource(["create", "patch", "update"], "", "nodes", "nodes/status", "events")]),
        new("AmazonEKSBlockStorageClusterPolicy", [Resource(ReadWrite, "", "persistentvolumes", "persistentvolumeclaims", "events"),
            Resource(ReadWrite, "storage.k8s.io", "volumeattachments", "csinodes", "storageclasses")]),
        new("AmazonEKSBlockStoragePolicy", [Resource(ReadWrite, "coordination.k8s.io", "leases")]),
        new("AmazonEKSClusterAdminPolicy", [Resource(["*"], "*", "*"), NonResource(["*"], "*")]),
        new("AmazonEKSComputeClusterPolicy", [Resource(ReadWrite, "", "nodes", "pods", "events"), Resource(["create"], "", "pods/eviction")]),
        new("AmazonEKSComputePolicy", [Resource(ReadWrite, "coordination.k8s.io", "leases")]),
        new("AmazonEKSEditPolicy", EditRules),
        new("AmazonEKSHybridPolicy", [Resource(["list"], "", "nodes")]),
        new("AmazonEKSLoadBalancingClusterPolicy", [Resource(Read, "", "services", "endpoints", "pods", "nodes"), Resource(["patch", "update"], "", "services/status"),
            Resource(Read, "discovery.k8s.io", "endpointslices")]),
        new("AmazonEKSLoadBalancingPolicy", [Resource(ReadWrite, "coordination.k8s.io", "leases")]),
        new("AmazonEKSNetworkingClusterPolicy", [Resource(Read, "", "nodes", "pods", "namespaces"), Resource(Read, "networking.k8s.io", "networkpolicies")]),
        new("AmazonEKSNetworkingPolicy", [Resource(ReadWrite, "coordination.k8s.io", "leases")]),
        new("AmazonEKSViewPolicy", ViewRules),
    };

    private static readonly Dictionary<string, EksAccessPolicy> ByArn = All.ToDictionary(p => p.Arn, StringComparer.Ordinal);

    public static EksAccessPolicy? Find(string arn) => ByArn.GetValueOrDefault(arn);
}

/// <summary>One access policy: its name, ARN and rules.</summary>
public sealed record EksAccessPolicy(string Name, AccessPolicyRule[] Rules)
{
    public string Arn => EksAccessPolicies.ArnPrefix + Name;
}
