using System.Text.Json.Nodes;

namespace Lotse.Kube.Serialization;

/// <summary>
/// Drops fields the typed decoder would not know (top level and metadata) and reports them, so the store never
/// keeps what kube-apiserver would have discarded. Deeper levels are kept as sent.
/// </summary>
public static class UnknownFields
{
    private static readonly HashSet<string> MetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    public static List<string> Remove(JsonObject obj, IReadOnlyList<string> topLevelFields)
    {
        var unknown = new List<string>();
        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            if (name is not ("apiVersion" or "kind" or "metadata") && !topLevelFields.Contains(name))
            {
                unknown.Add(name);
                obj.Remove(name);
            }
        }

        if (obj["metadata"] is JsonObject meta)
        {
            foreach (var name in meta.Select(p => p.Key).ToList())
            {
                if (!MetaFields.Contains(name))
                {
                    unknown.Add("metadata." + name);
                    meta.Remove(name);
                }
            }
        }

        return unknown;
    }
}
