using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.CustomResources;

/// <summary>
/// A CRD version's structural <c>openAPIV3Schema</c> applied to custom resources as kube-apiserver does: pruning of
/// fields the schema does not specify, defaulting from <c>default:</c>, and validation with the messages of
/// kube-openapi's validator as apiextensions-apiserver converts them into field errors. The schema stays the JSON the
/// user wrote; only the keywords below are understood.
/// </summary>
public sealed class StructuralSchema(JsonObject root)
{
    private static readonly HashSet<string> ObjectMetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    public JsonObject Root { get; } = root;

    /// <summary>The schema of a dotted path below the root (<c>spec.replicas</c>), or null when the schema does not name it.</summary>
    public JsonObject? At(string dottedPath)
    {
        var schema = Root;
        foreach (var part in dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            schema = Properties(schema)?[part] as JsonObject;
            if (schema is null)
            {
                return null;
            }
        }

        return schema;
    }

    /// <summary>Removes fields the schema does not specify (apiVersion, kind and metadata of the root stay); returns their paths.</summary>
    public List<string> Prune(JsonObject obj)
    {
        var pruned = new List<string>();
        PruneObject(obj, Root, "", pruned, isRoot: true);
        return pruned;
    }

    /// <summary>Sets <c>default:</c> values of absent properties, top-down, as the apiserver does after decoding.</summary>
    public void Default(JsonObject obj) => DefaultNode(obj, Root);

    /// <summary>Validates everything but the root's apiVersion, kind and metadata.</summary>
    public void Validate(JsonObject obj, List<FieldError> errors)
    {
        foreach (var required in Strings(Root["required"]))
        {
            if (required is not ("apiVersion" or "kind" or "metadata") && obj[required] is null)
            {
                errors.Add(FieldError.Required(required, ""));
            }
        }

        var properties = Properties(Root);
        foreach (var (name, value) in obj)
        {
            if (name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (properties?[name] is JsonObject child)
            {
                ValidateNode(value, child, name, errors);
            }
            else if (Root["additionalProperties"] is JsonObject additional)
            {
                ValidateNode(value, additional, name, errors);
            }
        }
    }

    private static JsonObject? Properties(JsonObject schema) => schema["properties"] as JsonObject;

    private static bool Flag(JsonObject schema, string name) => schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>() : [];

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, List<string> pruned, bool isRoot)
    {
        var properties = Properties(schema);
        var additional = schema["additionalProperties"] as JsonObject;
        var preserve = Flag(schema, "x-kubernetes-preserve-unknown-fields");
        var embedded = Flag(schema, "x-kubernetes-embedded-resource");
        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            var value = obj[name];
            if ((isRoot || embedded) && name is "apiVersion" or "kind")
            {
                continue;
            }

            if ((isRoot || embedded) && name == "metadata")
            {
                if (value is JsonObject meta && !isRoot)
                {
                    foreach (var field in meta.Select(p => p.Key).Where(f => !ObjectMetaFields.Contains(f)).ToList())
                    {
                        meta.Remove(field);
                        pruned.Add(Child(path, "metadata." + field));
                    }
                }

                continue;
            }

            if (properties?[name] is JsonObject child)
            {
                PruneNode(value, child, Child(path, name), pruned);
            }
            else if (additional is not null)
            {
                PruneNode(value, additional, Child(path, name), pruned);
            }
            else if (!preserve && schema["additionalProperties"] is not JsonValue)
            {
                obj.Remove(name);
                pruned.Add(Child(path, name));
            }
        }
    }

    private static void PruneNode(JsonNode? value, JsonObject schema, string path, List<string> pruned)
    {
        switch (value)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, pruned, isRoot: false);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    PruneNode(array[i], items, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", pruned);
                }

                break;
        }
    }

    private static void DefaultNode(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                if (Properties(schema) is { } properties)
                {
                    foreach (var (name, child) in properties)
                    {
                        if (child is JsonObject childSchema && obj[name] is null && !obj.ContainsKey(name) && childSchema["default"] is { } def)
                        {
                            obj[name] = def.DeepClone();
                        }
                    }

                    foreach (var (name, child) in properties)
                    {
                        if (child is JsonObject childSchema && obj[name] is { } existing)
                        {
                            DefaultNode(existing, childSchema);
                        }
                    }
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var (_, child) in obj)
                    {
                        DefaultNode(child, additional);
                    }
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var item in array)
                {
                    DefaultNode(item, items);
                }

                break;
        }
    }

    /// <summary>The JSON type name of a value as kube-openapi reports it (<c>string</c>, <c>integer</c>, <c>number</c>, …).</summary>
    public static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => JsonObjectExtensions.AsInt64(v) is not null ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    /// <summary>A value as Go's <c>%#v</c> renders it in field errors: strings quoted, numbers and booleans bare.</summary>
    public static string Render(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"\"{v.GetValue<string>()}\"",
        JsonValue v => v.ToJsonString(),
        _ => $"\"{TypeOf(value)}\"",
    };

    private static void ValidateNode(JsonNode? value, JsonObject schema, string path, List<FieldError> errors)
    {
        var type = schema.GetString("type") ?? "";
        var actual = TypeOf(value);
        if (value is null)
        {
            if (!Flag(schema, "nullable") && type.Length > 0)
            {
                errors.Add(new FieldError("FieldValueTypeInvalid", path, $"Invalid value: \"null\": {path} in body must be of type {type}: \"null\""));
            }

            return;
        }

        if (Flag(schema, "x-kubernetes-int-or-string"))
        {
            if (actual is not ("integer" or "string"))
            {
                errors.Add(new FieldError("FieldValueTypeInvalid", path, $"Invalid value: \"{actual}\": {path} in body must be of type integer,string: \"{actual}\""));
                return;
            }
        }
        else if (type.Length > 0 && !(type == actual || (type == "number" && actual == "integer")))
        {
            errors.Add(new FieldError("FieldValueTypeInvalid", path, $"Invalid value: \"{actual}\": {path} in body must be of type {type}: \"{actual}\""));
            return;
        }

        ValidateFormat(value, schema, path, errors);
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            var supported = allowed.Select(a => a is JsonValue v && v.GetValueKind() == JsonValueKind.String ? $"\"{v.GetValue<string>()}\"" : $"\"{a?.ToJsonString() ?? "null"}\"");
            errors.Add(new FieldError("FieldValueNotSupported", path, $"Unsupported value: {Render(value)}: supported values: {string.Join(", ", supported)}"));
        }

        switch (value)
        {
            case JsonValue when actual is "integer" or "number":
                ValidateNumber(Number(value), Render(value), schema, path, errors);
                break;
            case JsonValue when actual == "string":
                ValidateString(value.GetValue<string>(), schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
        }
    }

    private static void ValidateFormat(JsonNode value, JsonObject schema, string path, List<FieldError> errors)
    {
        var format = schema.GetString("format");
        var ok = format switch
        {
            "int32" => JsonObjectExtensions.AsInt64(value) is not { } n || n is >= int.MinValue and <= int.MaxValue,
            "date-time" => TypeOf(value) != "string" || DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date" => TypeOf(value) != "string" || DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => true,
        };
        if (!ok)
        {
            var rendered = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();
            errors.Add(new FieldError("FieldValueTypeInvalid", path, $"Invalid value: {Render(value)}: {path} in body must be of type {format}: \"{rendered}\""));
        }
    }

    private static void ValidateNumber(double number, string rendered, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["minimum"] is JsonValue min && Number(min) is var minimum)
        {
            var exclusive = Flag(schema, "exclusiveMinimum");
            if (exclusive ? number <= minimum : number < minimum)
            {
                errors.Add(FieldError.InvalidRaw(path, rendered, $"{path} in body should be greater than {(exclusive ? "" : "or equal to ")}{min.ToJsonString()}"));
            }
        }

        if (schema["maximum"] is JsonValue max && Number(max) is var maximum)
        {
            var exclusive = Flag(schema, "exclusiveMaximum");
            if (exclusive ? number >= maximum : number > maximum)
            {
                errors.Add(FieldError.InvalidRaw(path, rendered, $"{path} in body should be less than {(exclusive ? "" : "or equal to ")}{max.ToJsonString()}"));
            }
        }

        if (schema["multipleOf"] is JsonValue multiple && Number(multiple) is var factor and > 0
            && Math.Abs(Math.IEEERemainder(number, factor)) > 1e-9)
        {
            errors.Add(FieldError.InvalidRaw(path, rendered, $"{path} in body should be a multiple of {multiple.ToJsonString()}"));
        }
    }

    /// <summary>A JSON number as a double, whether parsed (JsonElement) or put there by code (long, int, double).</summary>
    private static double Number(JsonNode node)
    {
        var value = (JsonValue)node;
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.GetDouble();
        }

        return value.TryGetValue<double>(out var d) ? d : JsonObjectExtensions.AsInt64(value) ?? 0;
    }

    private static void ValidateString(string text, JsonObject schema, string path, List<FieldError> errors)
    {
        var length = new StringInfo(text).LengthInTextElements;
        if (JsonObjectExtensions.AsInt64(schema["maxLength"]) is { } maxLength && length > maxLength)
        {
            var unit = maxLength == 1 ? "byte" : "bytes";
            errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than {maxLength.ToString(CultureInfo.InvariantCulture)} {unit}"));
        }

        if (JsonObjectExtensions.AsInt64(schema["minLength"]) is { } minLength && length < minLength)
        {
            errors.Add(FieldError.Invalid(path, text, $"{path} in body should be at least {minLength.ToString(CultureInfo.InvariantCulture)} chars long"));
        }

        if (schema.GetString("pattern") is { } pattern && !Matches(pattern, text))
        {
            errors.Add(FieldError.Invalid(path, text, $"{path} in body should match '{pattern}'"));
        }
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static void ValidateArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        var count = array.Count.ToString(CultureInfo.InvariantCulture);
        if (JsonObjectExtensions.AsInt64(schema["maxItems"]) is { } maxItems && array.Count > maxItems)
        {
            errors.Add(new FieldError("FieldValueTooMany", path, $"Too many: {count}: must have at most {maxItems.ToString(CultureInfo.InvariantCulture)} items"));
        }

        if (JsonObjectExtensions.AsInt64(schema["minItems"]) is { } minItems && array.Count < minItems)
        {
            errors.Add(FieldError.InvalidRaw(path, count, $"{path} in body should have at least {minItems.ToString(CultureInfo.InvariantCulture)} items"));
        }

        if (Flag(schema, "uniqueItems") && HasDuplicates(array, (a, b) => JsonNode.DeepEquals(a, b)) is not null)
        {
            errors.Add(FieldError.InvalidRaw(path, "\"\"", $"{path} in body shouldn't contain duplicates"));
        }

        ValidateListType(array, schema, path, errors);
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateNode(array[i], items, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors);
            }
        }
    }

    private static void ValidateListType(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        switch (schema.GetString("x-kubernetes-list-type"))
        {
            case "set":
                for (var i = 0; i < array.Count; i++)
                {
                    if (array.Take(i).Any(earlier => JsonNode.DeepEquals(earlier, array[i])))
                    {
                        errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", "Duplicate value: " + Render(array[i])));
                    }
                }

                break;
            case "map":
                var keys = Strings(schema["x-kubernetes-list-map-keys"]).ToList();
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject item)
                    {
                        continue;
                    }

                    if (array.Take(i).OfType<JsonObject>().Any(earlier => keys.All(k => JsonNode.DeepEquals(earlier[k], item[k]))))
                    {
                        var rendered = "map[string]interface {}{" + string.Join(", ", keys.Select(k => $"\"{k}\":{Render(item[k])}")) + "}";
                        errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", "Duplicate value: " + rendered));
                    }
                }

                break;
        }
    }

    private static int? HasDuplicates(JsonArray array, Func<JsonNode?, JsonNode?, bool> equal)
    {
        for (var i = 1; i < array.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (equal(array[i], array[j]))
                {
                    return i;
                }
            }
        }

        return null;
    }

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        if (JsonObjectExtensions.AsInt64(schema["maxProperties"]) is { } maxProperties && obj.Count > maxProperties)
        {
            errors.Add(new FieldError("FieldValueTooMany", path, $"Too many: {obj.Count.ToString(CultureInfo.InvariantCulture)}: must have at most {maxProperties.ToString(CultureInfo.InvariantCulture)} items"));
        }

        if (JsonObjectExtensions.AsInt64(schema["minProperties"]) is { } minProperties && obj.Count < minProperties)
        {
            errors.Add(FieldError.InvalidRaw(path, obj.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minProperties.ToString(CultureInfo.InvariantCulture)} properties"));
        }

        foreach (var required in Strings(schema["required"]))
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add(FieldError.Required(Child(path, required), ""));
            }
        }

        var embedded = Flag(schema, "x-kubernetes-embedded-resource");
        if (embedded)
        {
            if (string.IsNullOrEmpty(obj.GetString("apiVersion")))
            {
                errors.Add(FieldError.Required(Child(path, "apiVersion"), "must not be empty"));
            }

            if (string.IsNullOrEmpty(obj.GetString("kind")))
            {
                errors.Add(FieldError.Required(Child(path, "kind"), "must not be empty"));
            }
        }

        var properties = Properties(schema);
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var (name, value) in obj)
        {
            if (embedded && name is "apiVersion" or "kind" or "metadata" && properties?[name] is null)
            {
                continue;
            }

            if (properties?[name] is JsonObject child)
            {
                ValidateNode(value, child, Child(path, name), errors);
            }
            else if (additional is not null)
            {
                ValidateNode(value, additional, Child(path, name), errors);
            }
        }
    }
}
