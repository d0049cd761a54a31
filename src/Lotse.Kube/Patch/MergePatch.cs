using System.Text.Json.Nodes;

namespace Lotse.Kube.Patch;

/// <summary>RFC 7386 JSON Merge Patch: objects merge recursively, null deletes, everything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }

    /// <summary>A merge patch that turns <paramref name="from"/> into <paramref name="to"/> (as kubectl's CreateMergePatch).</summary>
    public static JsonNode? CreateDiff(JsonNode? from, JsonNode? to)
    {
        if (from is not JsonObject fromObject || to is not JsonObject toObject)
        {
            return to?.DeepClone();
        }

        var patch = new JsonObject();
        foreach (var (key, value) in fromObject)
        {
            if (!toObject.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        foreach (var (key, value) in toObject)
        {
            if (!fromObject.TryGetPropertyValue(key, out var old))
            {
                patch[key] = value?.DeepClone();
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[key] = old is JsonObject && value is JsonObject ? CreateDiff(old, value) : value?.DeepClone();
            }
        }

        return patch;
    }
}
