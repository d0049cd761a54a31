using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Requests;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Reviews;

/// <summary>
/// The spec of the access reviews (<c>authorization.k8s.io/v1</c>): validation as upstream's
/// <c>pkg/apis/authorization/validation</c>, and the attributes the authorizer is asked about
/// (<c>authorizationutil.ResourceAttributesFrom</c> / <c>NonResourceAttributesFrom</c>).
/// </summary>
public static class AccessReviewSpec
{
    public const string Group = "authorization.k8s.io";

    /// <summary>SelfSubjectAccessReview: exactly one of resourceAttributes and nonResourceAttributes.</summary>
    public static List<FieldError> ValidateSelf(JsonObject spec)
    {
        var errors = new List<FieldError>();
        ValidateAttributes(spec, errors);
        return errors;
    }

    /// <summary>SubjectAccessReview: the attributes, a user or a group, and empty metadata.</summary>
    public static List<FieldError> ValidateSubject(JsonObject review)
    {
        var spec = review.GetObject("spec") ?? [];
        var errors = ValidateSubjectSpec(spec);
        if (!MetadataIsEmpty(review.GetObject("metadata"), allowNamespace: false))
        {
            errors.Add(FieldError.InvalidRaw("metadata", GoObjectMeta(review.GetObject("metadata")), "must be empty"));
        }

        return errors;
    }

    /// <summary>LocalSubjectAccessReview: as SubjectAccessReview, plus the namespace rules.</summary>
    public static List<FieldError> ValidateLocal(JsonObject review)
    {
        var spec = review.GetObject("spec") ?? [];
        var errors = ValidateSubjectSpec(spec);
        if (!MetadataIsEmpty(review.GetObject("metadata"), allowNamespace: true))
        {
            errors.Add(FieldError.InvalidRaw("metadata", GoObjectMeta(review.GetObject("metadata")), "must be empty except for namespace"));
        }

        if (spec.GetObject("resourceAttributes") is { } resource && (resource.GetString("namespace") ?? "") != review.Namespace())
        {
            errors.Add(FieldError.Invalid("spec.resourceAttributes.namespace", resource.GetString("namespace") ?? "", "must match metadata.namespace"));
        }

        if (spec.GetObject("nonResourceAttributes") is { } nonResource)
        {
            errors.Add(FieldError.InvalidRaw("spec.nonResourceAttributes", GoNonResourceAttributes(nonResource), "disallowed on this kind of request"));
        }

        return errors;
    }

    /// <summary>The request the authorizer is asked about; an empty version means every version (<c>*</c>).</summary>
    public static KubeRequestInfo Attributes(JsonObject spec)
    {
        if (spec.GetObject("resourceAttributes") is { } resource)
        {
            var version = resource.GetString("version") ?? "";
            return new KubeRequestInfo
            {
                IsResourceRequest = true,
                Path = "",
                Verb = resource.GetString("verb") ?? "",
                Namespace = resource.GetString("namespace") ?? "",
                ApiGroup = resource.GetString("group") ?? "",
                ApiVersion = version.Length == 0 ? "*" : version,
                Resource = resource.GetString("resource") ?? "",
                Subresource = resource.GetString("subresource") ?? "",
                Name = resource.GetString("name") ?? "",
            };
        }

        var nonResource = spec.GetObject("nonResourceAttributes");
        return new KubeRequestInfo { IsResourceRequest = false, Path = nonResource.GetString("path") ?? "", Verb = nonResource.GetString("verb") ?? "" };
    }

    /// <summary>The user a SubjectAccessReview names (its spec, taken as is: no system:authenticated is added).</summary>
    public static KubeUser SubjectUser(JsonObject spec)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.GetObject("extra") ?? [])
        {
            extra[key] = value is JsonArray ? ReviewBody.Strings(new JsonObject { ["v"] = value.DeepClone() }, "v") : [];
        }

        return new KubeUser(spec.GetString("user") ?? "", spec.GetString("uid") ?? "", ReviewBody.Strings(spec, "groups"), extra);
    }

    /// <summary>The review's status as the authorizer decided.</summary>
    public static JsonObject Status(bool allowed, string reason)
    {
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        return status;
    }

    private static List<FieldError> ValidateSubjectSpec(JsonObject spec)
    {
        var errors = new List<FieldError>();
        ValidateAttributes(spec, errors);
        if (string.IsNullOrEmpty(spec.GetString("user")) && ReviewBody.Strings(spec, "groups").Count == 0)
        {
            errors.Add(FieldError.Invalid("spec.user", spec.GetString("user") ?? "", "at least one of user or group must be specified"));
        }

        return errors;
    }

    private static void ValidateAttributes(JsonObject spec, List<FieldError> errors)
    {
        var resource = spec.GetObject("resourceAttributes");
        var nonResource = spec.GetObject("nonResourceAttributes");
        if (resource is not null && nonResource is not null)
        {
            errors.Add(FieldError.InvalidRaw("spec.nonResourceAttributes", GoNonResourceAttributes(nonResource), "cannot be specified in combination with resourceAttributes"));
        }

        if (resource is null && nonResource is null)
        {
            errors.Add(FieldError.Invalid("spec.resourceAttributes", "null", "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }

        if (resource is not null)
        {
            ValidateSelector(resource.GetObject("fieldSelector"), "spec.resourceAttributes.fieldSelector", errors);
            ValidateSelector(resource.GetObject("labelSelector"), "spec.resourceAttributes.labelSelector", errors);
        }
    }

    /// <summary>A selector attribute gives a raw selector or requirements, not both.</summary>
    private static void ValidateSelector(JsonObject? selector, string path, List<FieldError> errors)
    {
        if (selector is null)
        {
            return;
        }

        var raw = selector.GetString("rawSelector") ?? "";
        var requirements = selector.GetArray("requirements")?.Count ?? 0;
        if (raw.Length > 0 && requirements > 0)
        {
            errors.Add(FieldError.Invalid(path + ".rawSelector", raw, "may not specified at the same time as requirements"));
        }
        else if (raw.Length == 0 && requirements == 0)
        {
            errors.Add(FieldError.Required(path + ".requirements", $"when {path} is specified, requirements or rawSelector is required"));
        }
    }

    private static bool MetadataIsEmpty(JsonObject? meta, bool allowNamespace)
    {
        foreach (var (key, value) in meta ?? [])
        {
            if ((key == "namespace" && allowNamespace) || key == "managedFields" || (key == "creationTimestamp" && value is null) || value is null)
            {
                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>Go's <c>%#v</c> of the internal NonResourceAttributes, as field errors print non-Stringer structs.</summary>
    private static string GoNonResourceAttributes(JsonObject attributes) =>
        $"authorization.NonResourceAttributes{{Path:{GoString(attributes.GetString("path"))}, Verb:{GoString(attributes.GetString("verb"))}}}";

    /// <summary>Go's <c>%#v</c> of an ObjectMeta (the fields a review's metadata can carry).</summary>
    private static string GoObjectMeta(JsonObject? meta)
    {
        var builder = new StringBuilder("v1.ObjectMeta{");
        builder.Append("Name:").Append(GoString(meta.GetString("name")))
            .Append(", GenerateName:").Append(GoString(meta.GetString("generateName")))
            .Append(", Namespace:").Append(GoString(meta.GetString("namespace")))
            .Append(", SelfLink:\"\", UID:").Append(GoString(meta.GetString("uid")))
            .Append(", ResourceVersion:").Append(GoString(meta.GetString("resourceVersion")))
            .Append(", Generation:0, CreationTimestamp:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil)")
            .Append(", Labels:").Append(GoMap(meta.GetObject("labels")))
            .Append(", Annotations:").Append(GoMap(meta.GetObject("annotations")))
            .Append(", OwnerReferences:[]v1.OwnerReference(nil), Finalizers:[]string(nil), ManagedFields:[]v1.ManagedFieldsEntry(nil)}");
        return builder.ToString();
    }

    private static string GoMap(JsonObject? map) => map is null
        ? "map[string]string(nil)"
        : "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{GoString(p.Key)}:{GoString(map.GetString(p.Key))}")) + "}";

    private static string GoString(string? value) =>
        "\"" + (value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
