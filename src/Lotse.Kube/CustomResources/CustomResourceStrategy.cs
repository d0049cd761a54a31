using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.CustomResources;

/// <summary>
/// The strategy of one served version of a CRD (upstream <c>apiextensions-apiserver/pkg/registry/customresource</c>):
/// objects are kept in the storage version, pruned and defaulted by the version's structural schema and validated
/// against it; with the status subresource the main resource never writes status; <c>metadata.generation</c> moves
/// when anything but metadata and status changes; the table shows the version's printer columns.
/// </summary>
public sealed class CustomResourceStrategy : KubeStrategy
{
    private readonly CustomResourceVersion _version;
    private readonly string _storageGroupVersion;

    public CustomResourceStrategy(CustomResourceDefinitionInfo crd, CustomResourceVersion version)
    {
        _version = version;
        _storageGroupVersion = $"{crd.Group}/{crd.StorageVersion?.Name ?? version.Name}";
        Columns = [TableColumn.NameColumn, .. PrinterColumns(version.Columns)];
    }

    public CustomResourceVersion Version => _version;

    public StructuralSchema Schema => _version.Schema;

    public override IReadOnlyList<TableColumn> Columns { get; }

    public override bool SupportsStrategicMergePatch => false;

    /// <summary>The version's schema with apiVersion, kind and metadata added at the root, as the CRD OpenAPI builder publishes it.</summary>
    public override JsonObject OpenApiSchema
    {
        get
        {
            var schema = (JsonObject)Schema.Root.DeepClone();
            var properties = schema["properties"] as JsonObject ?? [];
            schema.Remove("properties");
            var root = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["type"] = "string", ["description"] = "APIVersion defines the versioned schema of this representation of an object." },
                ["kind"] = new JsonObject { ["type"] = "string", ["description"] = "Kind is a string value representing the REST resource this object represents." },
                ["metadata"] = new JsonObject { ["type"] = "object", ["description"] = "Standard object's metadata." },
            };
            foreach (var (name, value) in properties)
            {
                if (name is not ("apiVersion" or "kind" or "metadata"))
                {
                    root[name] = value?.DeepClone();
                }
            }

            schema["properties"] = root;
            return schema;
        }
    }

    public override IReadOnlyList<string> TopLevelFields => Schema.Root["properties"] is JsonObject p ? [.. p.Select(x => x.Key)] : [];

    public override List<string> RemoveUnknownFields(JsonObject obj)
    {
        var unknown = UnknownFields.Remove(obj, [.. obj.Select(p => p.Key)]);
        unknown.AddRange(Schema.Prune(obj));
        return unknown;
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        if (_version.Status)
        {
            obj.Remove("status");
        }

        obj.Metadata()["generation"] = 1;
        Schema.Default(obj);
        obj["apiVersion"] = _storageGroupVersion;
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        if (_version.Status)
        {
            obj.Remove("status");
            if (old["status"] is { } status)
            {
                obj["status"] = status.DeepClone();
            }
        }

        Schema.Default(obj);
        obj["apiVersion"] = _storageGroupVersion;
        // Without the status subresource a status change is a change of the object like any other.
        if (!SameExcept(obj, old, _version.Status ? ["metadata", "status", "apiVersion"] : ["metadata", "apiVersion"]))
        {
            obj.BumpGeneration(old);
        }
    }

    public override void Validate(JsonObject obj, List<FieldError> errors) => Schema.Validate(obj, errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        foreach (var column in _version.Columns.Count > 0 ? _version.Columns.OfType<JsonObject>() : [DefaultAgeColumn])
        {
            var type = column.GetString("type") ?? "string";
            var values = SimpleJsonPath.Evaluate(obj, column.GetString("jsonPath") ?? "");
            // Like upstream, only the first result of a path counts (a [*] path shows its first element).
            cells.Add(values.Count == 0 ? TableWriter.NullCell : Cell(values[0], type, now));
        }
    }

    /// <summary>The status subresource's strategy: only status moves, validated by the schema; spec stays as stored.</summary>
    public KubeStrategy StatusStrategy() => new CustomResourceStatusStrategy(this);

    /// <summary>Whether two objects are equal apart from the named top-level fields.</summary>
    public static bool SameExcept(JsonObject a, JsonObject b, IReadOnlyCollection<string> ignored)
    {
        var left = a.Where(p => !ignored.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var right = b.Where(p => !ignored.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var other) && JsonNode.DeepEquals(p.Value, other));
    }

    private static readonly JsonObject DefaultAgeColumn = new() { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp" };

    private static IEnumerable<TableColumn> PrinterColumns(JsonArray columns)
    {
        if (columns.Count == 0)
        {
            yield return new TableColumn("Age", "date", "", TableColumn.AgeColumn.Description);
            yield break;
        }

        foreach (var column in columns.OfType<JsonObject>())
        {
            yield return new TableColumn(
                column.GetString("name") ?? "",
                column.GetString("type") ?? "string",
                column.GetString("format") ?? "",
                column.GetString("description") ?? "",
                (int)(column.GetInt("priority") ?? 0));
        }
    }

    /// <summary>A printer-column cell as the CRD table convertor makes it: typed by the column, null when the value does not fit.</summary>
    private static object Cell(JsonNode? value, string type, DateTimeOffset now)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            "string" => kind switch
            {
                JsonValueKind.Null => TableWriter.NullCell,
                JsonValueKind.String => value!.GetValue<string>(),
                _ => value!.ToJsonString(),
            },
            "integer" => JsonObjectExtensions.AsInt64(value) is { } integer ? integer : TableWriter.NullCell,
            "number" when kind == JsonValueKind.Number => JsonObjectExtensions.AsInt64(value) is { } whole ? whole : ((JsonValue)value!).GetValue<double>(),
            "boolean" when kind is JsonValueKind.True or JsonValueKind.False => kind == JsonValueKind.True,
            "date" when kind == JsonValueKind.String && JsonObjectExtensions.ParseTime(value!.GetValue<string>()) is { } time => HumanDuration.Since(time, now),
            _ => TableWriter.NullCell,
        };
    }

    private sealed class CustomResourceStatusStrategy(CustomResourceStrategy main) : KubeStrategy
    {
        public override IReadOnlyList<TableColumn> Columns => main.Columns;

        public override List<string> RemoveUnknownFields(JsonObject obj) => main.RemoveUnknownFields(obj);

        public override void PrepareForUpdate(JsonObject obj, JsonObject old)
        {
            var status = obj["status"]?.DeepClone();
            foreach (var name in obj.Select(p => p.Key).Where(k => k is not ("metadata" or "status")).ToList())
            {
                obj.Remove(name);
            }

            foreach (var (name, value) in old)
            {
                if (name is not ("metadata" or "status"))
                {
                    obj[name] = value?.DeepClone();
                }
            }

            obj.Remove("status");
            if (status is not null)
            {
                obj["status"] = status;
            }

            main.Schema.Default(obj);
        }

        public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => main.Validate(obj, errors);

        public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => main.WriteCells(obj, now, cells);
    }
}
