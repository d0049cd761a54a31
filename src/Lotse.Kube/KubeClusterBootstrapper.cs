using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Rbac;
using Lotse.Kube.Registry;
using Lotse.Kube.Registry.Strategies;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube;

/// <summary>
/// The objects a new cluster starts with, as store writes the caller commits atomically with its own record:
/// the four system namespaces, the <c>default/kubernetes</c> service (first address of the service CIDR) with its
/// endpoints and IP allocation, a <c>default</c> service account per namespace, the two system priority classes, EKS's
/// <c>gp2</c> storage class, the mandatory <c>exempt</c> and <c>catch-all</c> flow schemas and priority levels, and
/// Kubernetes 1.32's bootstrap RBAC policy (<see cref="BootstrapPolicy"/>).
/// </summary>
public static class KubeClusterBootstrapper
{
    public static readonly IReadOnlyList<string> SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Every key of the cluster lives below this prefix; deleting the cluster is <c>DeletePrefixAsync</c> of it.</summary>
    public static string StoragePrefix(KubeCluster c) => c.StoragePrefix;

    public static IReadOnlyList<StoreOperation> InitialObjects(KubeCluster cluster, KubeApiAddress apiServer, DateTimeOffset now)
    {
        var registry = KubeResourceRegistry.CreateDefault();
        var created = JsonObjectExtensions.FormatTime(now);
        var operations = new List<StoreOperation>();

        void Add(string resource, string ns, JsonObject obj, string group = "")
        {
            var scope = new KubeScope(cluster, registry.Get(group, resource), ns);
            var meta = obj.Metadata();
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = created;
            operations.Add(StoreOperation.Create(scope.Key(obj.Name()), ObjectBytes.ToStored(obj.Canonicalize())));
        }

        foreach (var ns in SystemNamespaces)
        {
            Add("namespaces", "", new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject
                {
                    ["name"] = ns,
                    ["labels"] = new JsonObject { [NamespaceStrategy.NameLabel] = ns },
                },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
            Add("serviceaccounts", ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
            });
        }

        var clusterIp = ServiceIpRange.Parse(cluster.ServiceIpv4Cidr).First;
        Add("services", "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["protocol"] = "TCP", ["port"] = 443, ["targetPort"] = apiServer.Port }),
                ["clusterIP"] = clusterIp,
                ["clusterIPs"] = new JsonArray(clusterIp),
                ["type"] = "ClusterIP",
                ["sessionAffinity"] = "None",
                ["ipFamilies"] = new JsonArray("IPv4"),
                ["ipFamilyPolicy"] = "SingleStack",
                ["internalTrafficPolicy"] = "Cluster",
            },
            ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() },
        });
        operations.Add(StoreOperation.Create(
            $"{cluster.StoragePrefix}registry/ranges/serviceips/{clusterIp}",
            Encoding.UTF8.GetBytes("{\"namespace\":\"default\",\"name\":\"kubernetes\"}")));

        Add("endpoints", "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["endpointslice.kubernetes.io/skip-mirror"] = "true" },
            },
            ["subsets"] = new JsonArray(new JsonObject
            {
                ["addresses"] = new JsonArray(new JsonObject { ["ip"] = apiServer.Ip }),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = apiServer.Port, ["protocol"] = "TCP" }),
            }),
        });

        foreach (var (name, value, description) in PriorityClassStrategy.SystemClasses)
        {
            Add("priorityclasses", "", PriorityClassStrategy.SystemClass(name, value, description), PriorityClassStrategy.Group);
        }

        Add("storageclasses", "", StorageClassStrategy.EksGp2(), StorageClassStrategy.Group);
        foreach (var level in PriorityLevelConfigurationStrategy.MandatoryObjects())
        {
            Add("prioritylevelconfigurations", "", level, FlowSchemaStrategy.Group);
        }

        foreach (var schema in FlowSchemaStrategy.MandatoryObjects())
        {
            Add("flowschemas", "", schema, FlowSchemaStrategy.Group);
        }

        BootstrapPolicy.AddInitialObjects(cluster, created, operations);
        return operations;
    }
}
