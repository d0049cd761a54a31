using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.CustomResources;

/// <summary>
/// What makes a CRD schema structural (upstream <c>apiextensions-apiserver/pkg/apiserver/schema/validation.go</c> and the
/// CRD validation around it): an object at the root, a type on every specified field (unless
/// <c>x-kubernetes-int-or-string</c> or <c>x-kubernetes-preserve-unknown-fields</c>), items for arrays, and none of the
/// keywords v1 CRDs forbid.
/// </summary>
public static class StructuralSchemaRules
{
    private static readonly string[] Types = ["array", "boolean", "integer", "number", "object", "string"];

    public static void ValidateRoot(JsonObject schema, string path, List<FieldError> errors)
    {
        var type = schema.GetString("type") ?? "";
        if (type.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.type", "must not be empty at the root"));
        }
        else if (type != "object")
        {
            errors.Add(FieldError.Invalid($"{path}.type", type, "must be object at the root"));
        }

        ValidateNode(schema, path, errors, "");
    }

    private static void ValidateNode(JsonObject schema, string path, List<FieldError> errors, string emptyTypeMessage)
    {
        var type = schema.GetString("type") ?? "";
        var intOrString = Flag(schema, "x-kubernetes-int-or-string");
        var preserve = Flag(schema, "x-kubernetes-preserve-unknown-fields");
        if (type.Length == 0 && emptyTypeMessage.Length > 0 && !intOrString && !preserve)
        {
            errors.Add(FieldError.Required($"{path}.type", emptyTypeMessage));
        }
        else if (type.Length > 0 && !Types.Contains(type))
        {
            errors.Add(FieldError.NotSupported($"{path}.type", type, Types));
        }

        if (Flag(schema, "uniqueItems"))
        {
            errors.Add(FieldError.Forbidden($"{path}.uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }

        var properties = schema["properties"] as JsonObject;
        if (schema["additionalProperties"] is { } additional && properties is { Count: > 0 }
            && (additional is JsonObject || additional.GetValueKind() == JsonValueKind.False))
        {
            errors.Add(FieldError.Forbidden($"{path}.additionalProperties", "additionalProperties and properties are mutual exclusive"));
        }

        if (Flag(schema, "x-kubernetes-embedded-resource") && type != "object")
        {
            errors.Add(FieldError.Invalid($"{path}.type", type, "must be object if x-kubernetes-embedded-resource is true"));
        }

        if (schema.GetString("x-kubernetes-list-type") == "map" && schema.GetArray("x-kubernetes-list-map-keys") is not { Count: > 0 })
        {
            errors.Add(FieldError.Required($"{path}.x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"));
        }

        if (type == "array" && schema["items"] is null)
        {
            errors.Add(FieldError.Required($"{path}.items", "must be specified"));
        }

        foreach (var (name, child) in properties ?? [])
        {
            if (child is JsonObject childSchema)
            {
                ValidateNode(childSchema, $"{path}.properties[{name}]", errors, "must not be empty for specified object fields");
            }
        }

        if (schema["items"] is JsonObject items)
        {
            ValidateNode(items, $"{path}.items", errors, "must not be empty for specified array items");
        }

        if (schema["additionalProperties"] is JsonObject additionalSchema)
        {
            ValidateNode(additionalSchema, $"{path}.additionalProperties", errors, "must not be empty for specified object fields");
        }
    }

    private static bool Flag(JsonObject schema, string name) => schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
