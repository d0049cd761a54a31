using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Patch;

/// <summary>
/// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) on a <see cref="JsonNode"/>, all-or-nothing:
/// operations run on a copy, so a failing operation leaves the caller's document untouched.
/// Error texts follow evanphx/json-patch, which kube-apiserver uses.
/// </summary>
public static class JsonPatch
{
    /// <summary>Kubernetes caps a JSON patch at 10 000 operations.</summary>
    public const int MaxOperations = 10000;

    /// <summary>Parses a patch document; a malformed one throws <see cref="FormatException"/> (400).</summary>
    public static JsonArray ParseOperations(JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new FormatException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        foreach (var operation in operations)
        {
            if (operation is not JsonObject)
            {
                throw new FormatException("json: cannot unmarshal into Go value of type jsonpatch.Operation");
            }
        }

        return operations;
    }

    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        var doc = document?.DeepClone();
        foreach (var node in operations)
        {
            var operation = (JsonObject)node!;
            var op = operation["op"] is JsonValue o && o.GetValueKind() == JsonValueKind.String ? o.GetValue<string>() : "";
            var path = PathOf(operation, "path", op);
            switch (op)
            {
                case "add":
                    doc = Add(doc, path, Value(operation, op), op);
                    break;
                case "remove":
                    doc = Remove(doc, path, op, out _);
                    break;
                case "replace":
                    doc = Remove(doc, path, op, out _);
                    doc = Add(doc, path, Value(operation, op), op);
                    break;
                case "move":
                    var from = PathOf(operation, "from", op);
                    doc = Remove(doc, from, op, out var moved);
                    doc = Add(doc, path, moved, op);
                    break;
                case "copy":
                    var source = Get(doc, PathOf(operation, "from", op), op);
                    doc = Add(doc, path, source?.DeepClone(), op);
                    break;
                case "test":
                    var actual = Get(doc, path, op, throwIfMissing: false);
                    if (!JsonNode.DeepEquals(actual, Value(operation, op)))
                    {
                        throw new PatchException($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw new PatchException($"Unexpected kind: {op}");
            }
        }

        return doc;
    }

    private static string PathOf(JsonObject operation, string name, string op) =>
        operation[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new PatchException($"{op} operation missing {name} string");

    private static JsonNode? Value(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new PatchException($"{op} operation missing value");

    private static JsonNode? Get(JsonNode? doc, string path, string op, bool throwIfMissing = true)
    {
        var current = doc;
        foreach (var token in JsonPointer.Parse(path))
        {
            switch (current)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    current = child;
                    break;
                case JsonArray array when TryIndex(token, array.Count, out var index) && index < array.Count:
                    current = array[index];
                    break;
                default:
                    return throwIfMissing ? throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": missing value") : null;
            }
        }

        return current;
    }

    private static JsonNode? Add(JsonNode? doc, string path, JsonNode? value, string op)
    {
        var tokens = JsonPointer.Parse(path);
        if (tokens.Length == 0)
        {
            return value;
        }

        var parent = Get(doc, ParentPath(tokens), op, throwIfMissing: false);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                return doc;
            case JsonArray array:
                if (last == "-")
                {
                    array.Add(value);
                    return doc;
                }

                if (!TryIndex(last, array.Count + 1, out var index) || index > array.Count)
                {
                    throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": invalid index referenced");
                }

                array.Insert(index, value);
                return doc;
            default:
                throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        }
    }

    private static JsonNode? Remove(JsonNode? doc, string path, string op, out JsonNode? removed)
    {
        var tokens = JsonPointer.Parse(path);
        if (tokens.Length == 0)
        {
            removed = doc;
            return null;
        }

        var parent = Get(doc, ParentPath(tokens), op, throwIfMissing: false);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last, out removed);
                return doc;
            case JsonArray array when TryIndex(last, array.Count, out var index) && index < array.Count:
                removed = array[index];
                array.RemoveAt(index);
                return doc;
            default:
                throw new PatchException($"{op} operation does not apply: doc is missing path: \"{path}\": missing value");
        }
    }

    private static string ParentPath(string[] tokens) =>
        string.Concat(tokens[..^1].Select(t => "/" + t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    private static bool TryIndex(string token, int max, out int index)
    {
        index = -1;
        return token.Length > 0 && (token == "0" || token[0] != '0')
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= max;
    }
}
