using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry;

/// <summary>The checks every kind gets on <c>metadata</c> (apimachinery <c>pkg/api/validation/objectmeta.go</c>).</summary>
public static class ObjectMetaValidator
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    public static void ValidateCreate(KubeResource resource, JsonObject obj, List<FieldError> errors)
    {
        var meta = obj.Metadata();
        var name = meta.GetString("name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            var messages = resource.Strategy.NameFormat switch
            {
                NameFormat.Dns1123Label => NameRules.IsDns1123Label(name),
                NameFormat.Dns1035Label => NameRules.IsDns1035Label(name),
                NameFormat.PathSegmentName => NameRules.IsValidPathSegmentName(name),
                _ => NameRules.IsDns1123Subdomain(name),
            };
            foreach (var msg in messages)
            {
                errors.Add(FieldError.Invalid("metadata.name", name, msg));
            }
        }

        if (resource.Namespaced && string.IsNullOrEmpty(meta.GetString("namespace")))
        {
            errors.Add(FieldError.Required("metadata.namespace", ""));
        }

        ValidateCommon(meta, errors);
    }

    public static void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var meta = obj.Metadata();
        var oldMeta = old.Metadata();
        foreach (var field in new[] { "namespace", "uid" })
        {
            var value = meta.GetString(field) ?? "";
            if (value != (oldMeta.GetString(field) ?? ""))
            {
                errors.Add(FieldError.Invalid($"metadata.{field}", value, "field is immutable"));
            }
        }

        if (oldMeta["deletionTimestamp"] is not null)
        {
            var oldFinalizers = oldMeta.GetArray("finalizers")?.Select(f => f?.ToString()).ToHashSet() ?? [];
            foreach (var finalizer in meta.GetArray("finalizers") ?? [])
            {
                if (!oldFinalizers.Contains(finalizer?.ToString()))
                {
                    errors.Add(FieldError.Forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers []string{\"" + finalizer + "\"}"));
                }
            }
        }

        ValidateCommon(meta, errors);
    }

    private static void ValidateCommon(JsonObject meta, List<FieldError> errors)
    {
        foreach (var (key, value) in meta.GetObject("labels") ?? [])
        {
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid("metadata.labels", key, msg));
            }

            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
            foreach (var msg in NameRules.IsLabelValue(text))
            {
                errors.Add(FieldError.Invalid("metadata.labels", text, msg));
            }
        }

        var total = 0L;
        foreach (var (key, value) in meta.GetObject("annotations") ?? [])
        {
            foreach (var msg in NameRules.IsQualifiedName(key.ToLowerInvariant()))
            {
                errors.Add(FieldError.Invalid("metadata.annotations", key, msg));
            }

            total += key.Length + (value?.ToString().Length ?? 0);
        }

        if (total > TotalAnnotationSizeLimit)
        {
            errors.Add(new FieldError("FieldValueTooLong", "metadata.annotations", $"Too long: must have at most {TotalAnnotationSizeLimit} bytes"));
        }

        var finalizers = meta.GetArray("finalizers");
        for (var i = 0; i < (finalizers?.Count ?? 0); i++)
        {
            var finalizer = finalizers![i]?.ToString() ?? "";
            foreach (var msg in NameRules.IsQualifiedName(finalizer))
            {
                errors.Add(FieldError.Invalid($"metadata.finalizers[{i}]", finalizer, msg));
            }
        }
    }
}
