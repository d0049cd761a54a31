using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Pods;

/// <summary>
/// What kube-apiserver adds to a pod before it is stored: the v1 defaulting (<c>pkg/apis/core/v1/defaults.go</c>) and the
/// mutations of the admission plugins every cluster runs (ServiceAccount, Priority, DefaultTolerationSeconds).
/// </summary>
public static class PodDefaults
{
    public const long DefaultTolerationSeconds = 300;

    public const string ServiceAccountMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    private static readonly string[] TaintKeys = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

    /// <summary>Well-known priority classes every cluster has; other class names resolve to 0 here (no PriorityClass kind yet).</summary>
    private static readonly Dictionary<string, long> SystemPriorities = new(StringComparer.Ordinal)
    {
        ["system-node-critical"] = 2000001000,
        ["system-cluster-critical"] = 2000000000,
    };

    /// <summary>The scheme defaults, applied to every pod body (create and update) as decoding does upstream.</summary>
    public static void ApplySchemeDefaults(JsonObject spec)
    {
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        spec["enableServiceLinks"] ??= true;
        var hostNetwork = spec["hostNetwork"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True;
        foreach (var container in PodQos.Containers(spec))
        {
            ApplyContainerDefaults(container, hostNetwork);
        }

        // The v1 "serviceAccount" field is the deprecated twin of serviceAccountName; conversion keeps them equal.
        if (spec.GetString("serviceAccountName") is { Length: > 0 } account)
        {
            spec["serviceAccount"] = account;
        }
        else if (spec.GetString("serviceAccount") is { Length: > 0 } legacy)
        {
            spec["serviceAccountName"] = legacy;
        }
    }

    /// <summary>The admission mutations on create: service account, priority, the not-ready/unreachable tolerations.</summary>
    public static void ApplyAdmission(JsonObject spec)
    {
        if (string.IsNullOrEmpty(spec.GetString("serviceAccountName")))
        {
            spec["serviceAccountName"] = "default";
            spec["serviceAccount"] = "default";
        }

        if (spec["priority"] is null)
        {
            spec["priority"] = SystemPriorities.GetValueOrDefault(spec.GetString("priorityClassName") ?? "");
        }

        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
        AddDefaultTolerations(spec);
        MountServiceAccountToken(spec);
    }

    /// <summary>On update the admission-set fields a body left out are kept from the stored pod, as kubectl replace expects.</summary>
    public static void CarryAdmission(JsonObject spec, JsonObject oldSpec)
    {
        foreach (var field in new[] { "serviceAccountName", "serviceAccount", "priority", "preemptionPolicy" })
        {
            if (spec[field] is null && oldSpec[field] is { } value)
            {
                spec[field] = value.DeepClone();
            }
        }

        AddDefaultTolerations(spec);
    }

    /// <summary>
    /// The ServiceAccount plugin's projected <c>kube-api-access-xxxxx</c> volume (token, cluster CA, namespace), mounted
    /// read-only into every container that has nothing at the service-account path, unless the pod opts out.
    /// (A service account's own automountServiceAccountToken: false is not consulted here.)
    /// </summary>
    private static void MountServiceAccountToken(JsonObject spec)
    {
        if (spec["automountServiceAccountToken"] is JsonValue optOut && optOut.GetValueKind() == System.Text.Json.JsonValueKind.False)
        {
            return;
        }

        var name = "kube-api-access-" + RandomSuffix(5);
        var mounted = false;
        foreach (var container in PodQos.Containers(spec))
        {
            if (container["volumeMounts"] is not JsonArray mounts)
            {
                mounts = [];
                container["volumeMounts"] = mounts;
            }

            if (mounts.OfType<JsonObject>().Any(m => m.GetString("mountPath") == ServiceAccountMountPath))
            {
                continue;
            }

            mounts.Add(new JsonObject { ["name"] = name, ["readOnly"] = true, ["mountPath"] = ServiceAccountMountPath });
            mounted = true;
        }

        if (!mounted)
        {
            return;
        }

        if (spec["volumes"] is not JsonArray volumes)
        {
            volumes = [];
            spec["volumes"] = volumes;
        }

        volumes.Add(new JsonObject
        {
            ["name"] = name,
            ["projected"] = new JsonObject
            {
                ["sources"] = new JsonArray(
                    new JsonObject { ["serviceAccountToken"] = new JsonObject { ["expirationSeconds"] = 3607, ["path"] = "token" } },
                    new JsonObject
                    {
                        ["configMap"] = new JsonObject
                        {
                            ["name"] = "kube-root-ca.crt",
                            ["items"] = new JsonArray(new JsonObject { ["key"] = "ca.crt", ["path"] = "ca.crt" }),
                        },
                    },
                    new JsonObject
                    {
                        ["downwardAPI"] = new JsonObject
                        {
                            ["items"] = new JsonArray(new JsonObject
                            {
                                ["path"] = "namespace",
                                ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = "metadata.namespace" },
                            }),
                        },
                    }),
                ["defaultMode"] = 420,
            },
        });
    }

    /// <summary>apimachinery's <c>rand.String</c> alphabet: no vowels, no look-alike characters.</summary>
    private static string RandomSuffix(int length)
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            }
        });
    }

    /// <summary>DefaultTolerationSeconds: tolerate the not-ready and unreachable NoExecute taints for 300 s unless the pod already does.</summary>
    private static void AddDefaultTolerations(JsonObject spec)
    {
        foreach (var key in TaintKeys)
        {
            var tolerations = spec.GetArray("tolerations");
            if (tolerations?.OfType<JsonObject>().Any(t => Tolerates(t, key)) == true)
            {
                continue;
            }

            if (tolerations is null)
            {
                tolerations = [];
                spec["tolerations"] = tolerations;
            }

            tolerations.Add(new JsonObject
            {
                ["key"] = key,
                ["operator"] = "Exists",
                ["effect"] = "NoExecute",
                ["tolerationSeconds"] = DefaultTolerationSeconds,
            });
        }
    }

    private static bool Tolerates(JsonObject toleration, string key)
    {
        var effect = toleration.GetString("effect") ?? "";
        var tolerationKey = toleration.GetString("key") ?? "";
        var keyMatches = tolerationKey == key || (tolerationKey.Length == 0 && toleration.GetString("operator") == "Exists");
        return keyMatches && effect is "" or "NoExecute";
    }

    private static void ApplyContainerDefaults(JsonObject container, bool hostNetwork)
    {
        container["terminationMessagePath"] ??= "/dev/termination-log";
        container["terminationMessagePolicy"] ??= "File";
        container["imagePullPolicy"] ??= PullPolicyFor(container.GetString("image") ?? "");
        if (container["resources"] is not JsonObject resources)
        {
            resources = [];
            container["resources"] = resources;
        }

        // A limit without a request means the request equals the limit (SetDefaults_Pod).
        if (resources.GetObject("limits") is { Count: > 0 } limits)
        {
            if (resources["requests"] is not JsonObject requests)
            {
                requests = [];
                resources["requests"] = requests;
            }

            foreach (var (name, value) in limits)
            {
                requests[name] ??= value?.DeepClone();
            }
        }

        foreach (var port in container.GetArray("ports")?.OfType<JsonObject>() ?? [])
        {
            port["protocol"] ??= "TCP";
            if (hostNetwork && port.GetInt("hostPort") is null or 0)
            {
                port["hostPort"] = port["containerPort"]?.DeepClone();
            }
        }
    }

    /// <summary>Always for ":latest" or an untagged image without digest, else IfNotPresent.</summary>
    public static string PullPolicyFor(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        var tag = colon > name.LastIndexOf('/') ? name[(colon + 1)..] : (at >= 0 ? "" : "latest");
        return tag == "latest" ? "Always" : "IfNotPresent";
    }
}
