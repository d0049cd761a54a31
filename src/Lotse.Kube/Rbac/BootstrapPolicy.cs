using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Rbac;

/// <summary>
/// Kubernetes 1.32's default ClusterRoles, ClusterRoleBindings and kube-system/kube-public Roles and RoleBindings,
/// read from the terse embedded <c>BootstrapPolicy.txt</c> and expanded once per process (aggregated rules filled).
/// Each object is kept as its stored JSON split around uid and creationTimestamp, so a new cluster's ~110 objects
/// cost a few byte copies each (≈ 0.1 ms) instead of building and serializing JSON per cluster.
/// </summary>
public static class BootstrapPolicy
{
    public const string Group = "rbac.authorization.k8s.io";
    public const string BootstrappingLabel = "kubernetes.io/bootstrapping";
    public const string AutoupdateAnnotation = "rbac.authorization.kubernetes.io/autoupdate";

    private const string UidMark = "@@uid@@";
    private const string TimeMark = "@@creationTimestamp@@";

    private static readonly Lazy<IReadOnlyList<JsonObject>> LazyObjects = new(() => Expand(ReadResource()));
    private static readonly Lazy<Template[]> Templates = new(() => LazyObjects.Value.Select(Template.Of).ToArray());

    /// <summary>The bootstrap objects (shared, do not modify), in file order.</summary>
    public static IReadOnlyList<JsonObject> Objects => LazyObjects.Value;

    /// <summary>Store creates for every bootstrap object of a new cluster, each with its own uid.</summary>
    public static void AddInitialObjects(KubeCluster cluster, string creationTimestamp, List<StoreOperation> operations)
    {
        var prefix = $"{cluster.StoragePrefix}registry/{Group}/";
        var time = Encoding.UTF8.GetBytes(creationTimestamp);
        foreach (var template in Templates.Value)
        {
            operations.Add(StoreOperation.Create(prefix + template.KeySuffix, template.Render(Guid.NewGuid(), time)));
        }
    }

    /// <summary>Parses the terse policy text into objects (see the file's header for the format).</summary>
    public static IReadOnlyList<JsonObject> Expand(string text)
    {
        var objects = new List<JsonObject>();
        JsonObject? current = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith(' '))
            {
                AddContent(current ?? throw new FormatException($"line {lineNumber}: content outside an object"), words);
                continue;
            }

            current = words[0] switch
            {
                "clusterrole" => Role("ClusterRole", "", words[1], words[2..]),
                "role" => Role("Role", words[1].Split('/')[0], words[1][(words[1].IndexOf('/') + 1)..], []),
                "controller" => Role("ClusterRole", "", "system:controller:" + words[1], []),
                "clusterrolebinding" => Binding("ClusterRoleBinding", "", words[1], "ClusterRole/" + words[2], words[3..]),
                "rolebinding" => Binding("RoleBinding", words[1].Split('/')[0], words[1][(words[1].IndexOf('/') + 1)..], words[2], words[3..]),
                _ => throw new FormatException($"line {lineNumber}: unknown entry '{words[0]}'"),
            };
            objects.Add(current);
            if (words[0] == "controller")
            {
                objects.Add(Binding("ClusterRoleBinding", "", "system:controller:" + words[1], "ClusterRole/system:controller:" + words[1], ["sa:kube-system/" + words[1]]));
            }
        }

        // Bindings follow roles in the file; keep roles first so a reader sees what a binding refers to.
        var clusterRoles = objects.Where(o => o.GetString("kind") == "ClusterRole").ToDictionary(o => o.Name(), StringComparer.Ordinal);
        RbacAggregation.Settle(clusterRoles);
        return objects;
    }

    private static JsonObject Role(string kind, string ns, string name, string[] labels)
    {
        var role = new JsonObject { ["apiVersion"] = Group + "/v1", ["kind"] = kind, ["metadata"] = Metadata(ns, name, labels), ["rules"] = new JsonArray() };
        return role;
    }

    private static JsonObject Binding(string kind, string ns, string name, string roleRef, string[] subjects)
    {
        var slash = roleRef.IndexOf('/', StringComparison.Ordinal);
        var binding = new JsonObject
        {
            ["apiVersion"] = Group + "/v1",
            ["kind"] = kind,
            ["metadata"] = Metadata(ns, name, []),
            ["roleRef"] = new JsonObject { ["apiGroup"] = Group, ["kind"] = roleRef[..slash], ["name"] = roleRef[(slash + 1)..] },
        };
        if (subjects.Length > 0)
        {
            binding["subjects"] = new JsonArray(subjects.Select(Subject).ToArray<JsonNode?>());
        }

        return binding;
    }

    private static JsonObject Subject(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var (kind, name) = (text[..colon], text[(colon + 1)..]);
        return kind switch
        {
            "user" => new JsonObject { ["apiGroup"] = Group, ["kind"] = "User", ["name"] = name },
            "group" => new JsonObject { ["apiGroup"] = Group, ["kind"] = "Group", ["name"] = name },
            "sa" => new JsonObject { ["kind"] = "ServiceAccount", ["name"] = name[(name.IndexOf('/') + 1)..], ["namespace"] = name[..name.IndexOf('/')] },
            _ => throw new FormatException($"unknown subject kind '{kind}'"),
        };
    }

    private static JsonObject Metadata(string ns, string name, string[] labels)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns.Length > 0)
        {
            meta["namespace"] = ns;
        }

        meta["uid"] = UidMark;
        meta["creationTimestamp"] = TimeMark;
        var labelObject = new JsonObject { [BootstrappingLabel] = "rbac-defaults" };
        foreach (var label in labels)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            labelObject[label[..eq]] = label[(eq + 1)..];
        }

        meta["labels"] = labelObject;
        meta["annotations"] = new JsonObject { [AutoupdateAnnotation] = "true" };
        return meta;
    }

    private static void AddContent(JsonObject obj, string[] words)
    {
        switch (words[0])
        {
            case "rule":
                Rules(obj).Add(RbacPolicyRule.Resource(Verbs(words[1]), List(words[2]), List(words[3]), words.Length > 4 ? List(words[4]) : null).ToJson());
                break;
            case "urls":
                Rules(obj).Add(RbacPolicyRule.Urls(Verbs(words[1]), List(words[2])).ToJson());
                break;
            case "events":
                Rules(obj).Add(RbacPolicyRule.Resource(["create", "patch", "update"], ["", "events.k8s.io"], ["events"]).ToJson());
                break;
            case "aggregate":
                var eq = words[1].IndexOf('=', StringComparison.Ordinal);
                var aggregation = obj["aggregationRule"] as JsonObject ?? new JsonObject { ["clusterRoleSelectors"] = new JsonArray() };
                aggregation.GetArray("clusterRoleSelectors")!.Add(new JsonObject { ["matchLabels"] = new JsonObject { [words[1][..eq]] = words[1][(eq + 1)..] } });
                obj.Remove("aggregationRule");

                // aggregationRule sits before rules, as kube-apiserver serializes a ClusterRole.
                var rules = obj["rules"];
                obj.Remove("rules");
                obj["aggregationRule"] = aggregation;
                obj["rules"] = rules;
                break;
            default:
                throw new FormatException($"unknown content '{words[0]}'");
        }
    }

    private static JsonArray Rules(JsonObject obj) => obj.GetArray("rules")!;

    private static string[] Verbs(string text) => text switch
    {
        "read" => ["get", "list", "watch"],
        "write" => ["create", "delete", "deletecollection", "patch", "update"],
        "rw" => ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
        _ => List(text),
    };

    private static string[] List(string text) => text.Split(',').Select(item => item == "\"\"" ? "" : item).ToArray();

    private static string ReadResource()
    {
        using var stream = typeof(BootstrapPolicy).Assembly.GetManifestResourceStream("Lotse.Kube.Rbac.BootstrapPolicy.txt")
            ?? throw new InvalidOperationException("the embedded bootstrap RBAC policy is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>One object's stored bytes split around the uid and creationTimestamp values.</summary>
    private sealed record Template(string KeySuffix, byte[] Head, byte[] Middle, byte[] Tail)
    {
        public static Template Of(JsonObject obj)
        {
            var resource = obj.GetString("kind") switch
            {
                "ClusterRole" => "clusterroles",
                "Role" => "roles",
                "ClusterRoleBinding" => "clusterrolebindings",
                _ => "rolebindings",
            };
            var ns = obj.Namespace();
            var suffix = ns.Length > 0 ? $"{resource}/{ns}/{obj.Name()}" : $"{resource}/{obj.Name()}";
            var json = Encoding.UTF8.GetString(ObjectBytes.ToStored(obj));
            var uid = json.IndexOf(UidMark, StringComparison.Ordinal);
            var time = json.IndexOf(TimeMark, StringComparison.Ordinal);
            return new Template(
                suffix,
                Encoding.UTF8.GetBytes(json[..uid]),
                Encoding.UTF8.GetBytes(json[(uid + UidMark.Length)..time]),
                Encoding.UTF8.GetBytes(json[(time + TimeMark.Length)..]));
        }

        public byte[] Render(Guid uid, byte[] time)
        {
            var bytes = new byte[Head.Length + 36 + Middle.Length + time.Length + Tail.Length];
            var span = bytes.AsSpan();
            Head.CopyTo(span);
            span = span[Head.Length..];
            uid.TryFormat(span, out var written, "D");
            span = span[written..];
            Middle.CopyTo(span);
            span = span[Middle.Length..];
            time.CopyTo(span);
            span = span[time.Length..];
            Tail.CopyTo(span);
            return bytes;
        }
    }
}
