using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.CustomResources;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// apiextensions.k8s.io/v1 CustomResourceDefinition (upstream <c>apiextensions-apiserver/pkg/registry/customresourcedefinition</c>
/// and <c>pkg/apis/apiextensions/validation</c>). Named <c>&lt;plural&gt;.&lt;group&gt;</c>; names are defaulted and checked;
/// every served version needs a structural schema. The naming and establishing controllers run inside the write: the
/// status gets its accepted names and conditions (NamesAccepted, Established) at once, unless another CRD of the group
/// already uses one of the names. Deleting a CRD deletes its custom resources in the same commit.
/// </summary>
public sealed class CustomResourceDefinitionStrategy : KubeStrategy
{
    public const string Group = "apiextensions.k8s.io";

    public const string ApprovalAnnotation = "api-approved.kubernetes.io";

    private static readonly string[] Scopes = ["Cluster", "Namespaced"];

    /// <summary>Group and resource of every built-in kind: a CRD never shadows them, and deleting one never touches their objects.</summary>
    private static readonly Lazy<HashSet<(string Group, string Resource)>> BuiltIns =
        new(() => KubeResourceRegistry.CreateDefault().Resources.Select(r => (r.Group, r.Resource)).ToHashSet());
    private static readonly string[] ColumnTypes = ["boolean", "date", "integer", "number", "string"];
    private static readonly string[] ColumnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Created At", "date", "", TableColumn.AgeColumn.Description),
    ];

    public override string? DecodeError(JsonObject obj)
    {
        var spec = obj["spec"];
        if (spec is not null and not JsonObject)
        {
            return $"json: cannot unmarshal {GoKind(spec)} into Go struct field CustomResourceDefinition.spec of type v1.CustomResourceDefinitionSpec";
        }

        if (spec is JsonObject s)
        {
            if (s["versions"] is { } versions and not JsonArray)
            {
                return $"json: cannot unmarshal {GoKind(versions)} into Go struct field CustomResourceDefinitionSpec.spec.versions of type []v1.CustomResourceDefinitionVersion";
            }

            foreach (var version in s.GetArray("versions") ?? [])
            {
                foreach (var flag in new[] { "served", "storage" })
                {
                    if (version is JsonObject v && v[flag] is { } value && value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        return $"json: cannot unmarshal {GoKind(value)} into Go struct field CustomResourceDefinitionVersion.spec.versions.{flag} of type bool";
                    }
                }
            }
        }

        return null;
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        obj.Remove("status");
        obj.Metadata()["generation"] = 1;
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        ApplyDefaults(obj);
        obj.BumpGenerationOnChange(old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec") ?? [];
        var group = spec.GetString("group") ?? "";
        var names = spec.GetObject("names") ?? [];
        var plural = names.GetString("plural") ?? "";
        if (obj.Name() != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", obj.Name(), "must be spec.names.plural+\".\"+spec.group"));
        }

        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group", ""));
        }
        else if (NameRules.IsDns1123Subdomain(group).ToList() is { Count: > 0 } groupErrors)
        {
            errors.Add(FieldError.Invalid("spec.group", group, string.Join(",", groupErrors)));
        }
        else if (!group.Contains('.'))
        {
            errors.Add(FieldError.Invalid("spec.group", group, "should be a domain with at least one dot"));
        }

        if (IsProtectedGroup(group) && string.IsNullOrEmpty(obj.GetObject("metadata").GetObject("annotations").GetString(ApprovalAnnotation)))
        {
            errors.Add(FieldError.Required($"metadata.annotations[{ApprovalAnnotation}]", $"protected groups must have approval annotation \"{ApprovalAnnotation}\", see https://github.com/kubernetes/enhancements/pull/1111"));
        }

        switch (spec.GetString("scope"))
        {
            case null or "":
                errors.Add(FieldError.Required("spec.scope", ""));
                break;
            case var scope when !Scopes.Contains(scope):
                errors.Add(FieldError.NotSupported("spec.scope", scope, Scopes));
                break;
        }

        ValidateVersions(spec.GetArray("versions") ?? [], errors);
        ValidateNames(names, "spec.names", errors, required: true);
        if (spec.GetObject("conversion").GetString("strategy") is { } conversion and not "None")
        {
            errors.Add(conversion == "Webhook"
                ? FieldError.Forbidden("spec.conversion.strategy", "conversion webhooks are not supported by this server")
                : FieldError.NotSupported("spec.conversion.strategy", conversion, ["None", "Webhook"]));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var spec = obj.GetObject("spec");
        var oldSpec = old.GetObject("spec");
        Immutable("spec.group", spec.GetString("group"), oldSpec.GetString("group"), errors);
        Immutable("spec.names.plural", spec.GetObject("names").GetString("plural"), oldSpec.GetObject("names").GetString("plural"), errors);
        if (CustomResourceDefinitionInfo.IsEstablished(old))
        {
            Immutable("spec.scope", spec.GetString("scope"), oldSpec.GetString("scope"), errors);
            Immutable("spec.names.kind", spec.GetObject("names").GetString("kind"), oldSpec.GetObject("names").GetString("kind"), errors);
        }
    }

    public override async ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations) =>
        obj["status"] = ComputeStatus(obj, null, await OtherDefinitionsAsync(context, obj.Name()), context.Now);

    public override async ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations) =>
        obj["status"] = ComputeStatus(obj, old, await OtherDefinitionsAsync(context, obj.Name()), context.Now);

    /// <summary>The CRD's custom resources go with it (what the finalizer-driven cleanup controller does before the CRD is gone).</summary>
    public override async ValueTask OnDeleteAsync(KubeWriteContext context, JsonObject old, List<StoreOperation> operations)
    {
        var spec = old.GetObject("spec");
        if (BuiltIns.Value.Contains((spec.GetString("group") ?? "", spec.GetObject("names").GetString("plural") ?? "")))
        {
            return;
        }

        var prefix = $"{context.Cluster.StoragePrefix}registry/{spec.GetString("group")}/{spec.GetObject("names").GetString("plural")}/";
        var content = await context.Store.ListAsync(prefix, default, context.CancellationToken);
        foreach (var item in content.Items)
        {
            operations.Add(StoreOperation.Delete(item.Key, item.ModRevision));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(obj.MetaString("creationTimestamp") ?? "");
    }

    /// <summary>Defaults of the v1 API: singular = lower-case kind, listKind = kind + "List", conversion None.</summary>
    public static void ApplyDefaults(JsonObject obj)
    {
        if (obj.GetObject("spec") is not { } spec)
        {
            return;
        }

        if (spec.GetObject("names") is { } names && names.GetString("kind") is { Length: > 0 } kind)
        {
            if (string.IsNullOrEmpty(names.GetString("singular")))
            {
                names["singular"] = kind.ToLowerInvariant();
            }

            if (string.IsNullOrEmpty(names.GetString("listKind")))
            {
                names["listKind"] = kind + "List";
            }
        }

        if (spec["conversion"] is not JsonObject conversion)
        {
            spec["conversion"] = new JsonObject { ["strategy"] = "None" };
        }
        else if (conversion["strategy"] is null)
        {
            conversion["strategy"] = "None";
        }
    }

    /// <summary>
    /// Status as the naming and establishing controllers leave it: accepted names, NamesAccepted and Established, and the
    /// storage versions objects may have been written in.
    /// </summary>
    public static JsonObject ComputeStatus(JsonObject obj, JsonObject? old, IReadOnlyList<JsonObject> others, DateTimeOffset now)
    {
        var spec = obj.GetObject("spec") ?? [];
        var names = spec.GetObject("names") ?? [];
        var group = spec.GetString("group");
        var conflict = NameConflict(names, others.Where(o => o.GetObject("spec").GetString("group") == group));
        var oldStatus = old?.GetObject("status");
        var storedVersions = new JsonArray();
        foreach (var stored in oldStatus.GetArray("storedVersions") ?? [])
        {
            storedVersions.Add(stored?.DeepClone());
        }

        var storage = (spec.GetArray("versions") ?? []).OfType<JsonObject>().FirstOrDefault(v => v["storage"] is JsonValue s && s.GetValueKind() == JsonValueKind.True).GetString("name");
        if (storage is not null && !storedVersions.Any(v => v?.GetValue<string>() == storage))
        {
            storedVersions.Add(storage);
        }

        var accepted = conflict is null ? (JsonObject)names.DeepClone() : new JsonObject { ["plural"] = "", ["kind"] = "" };
        var time = JsonObjectExtensions.FormatTime(now);
        return new JsonObject
        {
            ["acceptedNames"] = accepted,
            ["conditions"] = new JsonArray(
                Condition(oldStatus, "NamesAccepted", conflict is null, conflict is null ? "NoConflicts" : "NameConflict", conflict ?? "no conflicts found", time),
                Condition(oldStatus, "Established", conflict is null, conflict is null ? "InitialNamesAccepted" : "NotAccepted", conflict is null ? "the initial names have been accepted" : "not all names are accepted", time)),
            ["storedVersions"] = storedVersions,
        };
    }

    private static JsonObject Condition(JsonObject? oldStatus, string type, bool status, string reason, string message, string now)
    {
        var value = status ? "True" : "False";
        var previous = oldStatus.GetArray("conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);
        var since = previous?.GetString("status") == value ? previous.GetString("lastTransitionTime") ?? now : now;
        return new JsonObject { ["type"] = type, ["status"] = value, ["lastTransitionTime"] = since, ["reason"] = reason, ["message"] = message };
    }

    /// <summary>The naming controller's message when another CRD of the group already accepted one of these names, or null.</summary>
    private static string? NameConflict(JsonObject names, IEnumerable<JsonObject> sameGroup)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var takenKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in sameGroup)
        {
            var accepted = other.GetObject("status").GetObject("acceptedNames");
            foreach (var field in new[] { "plural", "singular" })
            {
                if (accepted.GetString(field) is { Length: > 0 } name)
                {
                    taken.Add(name);
                }
            }

            foreach (var shortName in accepted.GetArray("shortNames") ?? [])
            {
                taken.Add(shortName?.GetValue<string>() ?? "");
            }

            foreach (var field in new[] { "kind", "listKind" })
            {
                if (accepted.GetString(field) is { Length: > 0 } kind)
                {
                    takenKinds.Add(kind);
                }
            }
        }

        foreach (var field in new[] { "plural", "singular" })
        {
            if (names.GetString(field) is { Length: > 0 } name && taken.Contains(name))
            {
                return $"\"{name}\" is already in use";
            }
        }

        foreach (var shortName in names.GetArray("shortNames") ?? [])
        {
            if (shortName?.GetValue<string>() is { } s && taken.Contains(s))
            {
                return $"\"{s}\" is already in use";
            }
        }

        foreach (var field in new[] { "kind", "listKind" })
        {
            if (names.GetString(field) is { Length: > 0 } kind && takenKinds.Contains(kind))
            {
                return $"\"{kind}\" is already in use";
            }
        }

        return null;
    }

    private static async ValueTask<List<JsonObject>> OtherDefinitionsAsync(KubeWriteContext context, string name)
    {
        var prefix = $"{context.Cluster.StoragePrefix}registry/{Group}/customresourcedefinitions/";
        var list = await context.Store.ListAsync(prefix, default, context.CancellationToken);
        return list.Items.Where(kv => kv.Key != prefix + name).Select(kv => ObjectBytes.Parse(kv.Value, kv.ModRevision)).ToList();
    }

    /// <summary>Groups Kubernetes reserves (<c>k8s.io</c>, <c>kubernetes.io</c> and their subdomains).</summary>
    private static bool IsProtectedGroup(string group) =>
        group is "k8s.io" or "kubernetes.io" || group.EndsWith(".k8s.io", StringComparison.Ordinal) || group.EndsWith(".kubernetes.io", StringComparison.Ordinal);

    private static void Immutable(string field, string? value, string? old, List<FieldError> errors)
    {
        if (value != old)
        {
            errors.Add(FieldError.Invalid(field, value, "field is immutable"));
        }
    }

    private static void ValidateNames(JsonObject names, string path, List<FieldError> errors, bool required)
    {
        foreach (var field in new[] { "plural", "singular", "kind", "listKind" })
        {
            var value = names.GetString(field) ?? "";
            if (value.Length == 0)
            {
                if (required)
                {
                    errors.Add(FieldError.Required($"{path}.{field}", ""));
                }

                continue;
            }

            var mixedCase = field is "kind" or "listKind";
            var messages = NameRules.IsDns1035Label(mixedCase ? value.ToLowerInvariant() : value).ToList();
            if (messages.Count > 0)
            {
                errors.Add(FieldError.Invalid($"{path}.{field}", value, (mixedCase ? "may have mixed case, but should otherwise match: " : "") + string.Join(",", messages)));
            }
        }

        var kind = names.GetString("kind") ?? "";
        if (kind.Length > 0 && kind == names.GetString("listKind"))
        {
            errors.Add(FieldError.Invalid($"{path}.listKind", kind, "kind and listKind may not be the same"));
        }

        foreach (var list in new[] { "shortNames", "categories" })
        {
            var items = names.GetArray(list) ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                var value = items[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
                if (NameRules.IsDns1035Label(value).ToList() is { Count: > 0 } messages)
                {
                    errors.Add(FieldError.Invalid($"{path}.{list}[{i.ToString(CultureInfo.InvariantCulture)}]", value, string.Join(",", messages)));
                }
            }
        }
    }

    private static void ValidateVersions(JsonArray versions, List<FieldError> errors)
    {
        if (versions.Count == 0)
        {
            errors.Add(FieldError.Invalid("spec.versions", "[]", "must have exactly one version marked as storage version"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var storageCount = 0;
        var unique = true;
        for (var i = 0; i < versions.Count; i++)
        {
            var path = $"spec.versions[{i.ToString(CultureInfo.InvariantCulture)}]";
            var version = versions[i] as JsonObject ?? [];
            var name = version.GetString("name") ?? "";
            unique &= seen.Add(name);
            if (version["storage"] is JsonValue storage && storage.GetValueKind() == JsonValueKind.True)
            {
                storageCount++;
            }

            if (name.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.name", ""));
            }
            else if (NameRules.IsDns1035Label(name).ToList() is { Count: > 0 } messages)
            {
                errors.Add(FieldError.Invalid($"{path}.name", name, string.Join(",", messages)));
            }

            var schema = version.GetObject("schema").GetObject("openAPIV3Schema");
            if (schema is null)
            {
                errors.Add(FieldError.Required($"{path}.schema.openAPIV3Schema", "schemas are required"));
            }
            else
            {
                StructuralSchemaRules.ValidateRoot(schema, $"{path}.schema.openAPIV3Schema", errors);
            }

            ValidateSubresources(version.GetObject("subresources"), $"{path}.subresources", errors);
            ValidatePrinterColumns(version.GetArray("additionalPrinterColumns") ?? [], $"{path}.additionalPrinterColumns", errors);
        }

        if (!unique)
        {
            errors.Add(FieldError.InvalidRaw("spec.versions", VersionsValue(versions), "must contain unique version names"));
        }

        if (storageCount != 1)
        {
            errors.Add(FieldError.InvalidRaw("spec.versions", VersionsValue(versions), "must have exactly one version marked as storage version"));
        }
    }

    private static string VersionsValue(JsonArray versions) =>
        "[]apiextensions.CustomResourceDefinitionVersion{" + string.Join(", ", versions.OfType<JsonObject>().Select(v => $"apiextensions.CustomResourceDefinitionVersion{{Name:\"{v.GetString("name")}\", Served:{Bool(v["served"])}, Storage:{Bool(v["storage"])}, ...}}")) + "}";

    private static string Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True ? "true" : "false";

    private static void ValidateSubresources(JsonObject? subresources, string path, List<FieldError> errors)
    {
        if (subresources.GetObject("scale") is not { } scale)
        {
            return;
        }

        var spec = scale.GetString("specReplicasPath") ?? "";
        if (spec.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.scale.specReplicasPath", ""));
        }
        else if (SimpleJsonPath.AsFieldPath(spec) is not { } specField || !specField.StartsWith("spec.", StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid($"{path}.scale.specReplicasPath", spec, "should be a json path under .spec"));
        }

        var status = scale.GetString("statusReplicasPath") ?? "";
        if (status.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.scale.statusReplicasPath", ""));
        }
        else if (SimpleJsonPath.AsFieldPath(status) is not { } statusField || !statusField.StartsWith("status.", StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid($"{path}.scale.statusReplicasPath", status, "should be a json path under .status"));
        }

        if (scale.GetString("labelSelectorPath") is { Length: > 0 } selector
            && (SimpleJsonPath.AsFieldPath(selector) is not { } selectorField || !(selectorField.StartsWith("spec.", StringComparison.Ordinal) || selectorField.StartsWith("status.", StringComparison.Ordinal))))
        {
            errors.Add(FieldError.Invalid($"{path}.scale.labelSelectorPath", selector, "should be a json path under either .spec or .status"));
        }
    }

    private static void ValidatePrinterColumns(JsonArray columns, string path, List<FieldError> errors)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var columnPath = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
            var column = columns[i] as JsonObject ?? [];
            if (string.IsNullOrEmpty(column.GetString("name")))
            {
                errors.Add(FieldError.Required($"{columnPath}.name", ""));
            }

            switch (column.GetString("type"))
            {
                case null or "":
                    errors.Add(FieldError.Required($"{columnPath}.type", ""));
                    break;
                case var type when !ColumnTypes.Contains(type):
                    errors.Add(FieldError.NotSupported($"{columnPath}.type", type, ColumnTypes));
                    break;
            }

            if (column.GetString("format") is { Length: > 0 } format && !ColumnFormats.Contains(format))
            {
                errors.Add(FieldError.NotSupported($"{columnPath}.format", format, ColumnFormats));
            }

            var jsonPath = column.GetString("jsonPath") ?? "";
            if (jsonPath.Length == 0)
            {
                errors.Add(FieldError.Required($"{columnPath}.jsonPath", ""));
            }
            else if (!SimpleJsonPath.IsValid(jsonPath))
            {
                errors.Add(FieldError.Invalid($"{columnPath}.jsonPath", jsonPath, "must be a simple json path starting with ."));
            }
        }
    }

    private static string GoKind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}

/// <summary><c>customresourcedefinitions/status</c>: only the status moves; the spec stays as stored.</summary>
public sealed class CustomResourceDefinitionStatusStrategy : KubeStrategy
{
    private static readonly CustomResourceDefinitionStrategy Main = new();

    public override IReadOnlyList<TableColumn> Columns => Main.Columns;

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => obj["spec"] = old["spec"]?.DeepClone();

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => Main.WriteCells(obj, now, cells);
}
