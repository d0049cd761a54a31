using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// scheduling.k8s.io/v1 PriorityClass (upstream <c>pkg/registry/scheduling/priorityclass</c>, <c>ValidatePriorityClass</c>
/// and the Priority admission plugin): the <c>system-</c> names are reserved for the two classes every cluster starts
/// with (<see cref="SystemClasses"/>), which cannot be deleted; value and preemptionPolicy are immutable; only one
/// class may be the global default.
/// </summary>
public sealed class PriorityClassStrategy : KubeStrategy
{
    public const string Group = "scheduling.k8s.io";

    /// <summary>The highest value a class outside the <c>system-</c> names may have (upstream HighestUserDefinablePriority).</summary>
    public const long HighestUserDefinablePriority = 1_000_000_000;

    private const string SystemPrefix = "system-";
    private static readonly string[] PreemptionPolicies = ["Never", "PreemptLowerPriority"];
    private static readonly KubeGroupResource Resource = new(Group, "priorityclasses");

    /// <summary>The classes kube-apiserver creates in every cluster: name, value, description.</summary>
    public static IReadOnlyList<(string Name, long Value, string Description)> SystemClasses { get; } =
    [
        ("system-node-critical", 2_000_001_000, "Used for system critical pods that must not be moved from their current node."),
        ("system-cluster-critical", 2_000_000_000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["value", "globalDefault", "description", "preemptionPolicy"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Value", "integer", "", "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec."),
        new("Global-Default", "boolean", "", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority."),
        TableColumn.AgeColumn,
        new("PreemptionPolicy", "string", "", "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."),
    ];

    /// <summary>A system class as kube-apiserver stores it (preemptionPolicy defaulted), for the cluster bootstrap.</summary>
    public static JsonObject SystemClass(string name, long value, string description) => new()
    {
        ["apiVersion"] = $"{Group}/v1",
        ["kind"] = "PriorityClass",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["value"] = value,
        ["description"] = description,
        ["preemptionPolicy"] = "PreemptLowerPriority",
    };

    public override string? DecodeError(JsonObject obj) => Int32DecodeError(obj["value"], "PriorityClass.value");

    /// <summary>
    /// What Go's JSON decoder says about a non-int32 value for an <c>int32</c> field (<paramref name="goField"/> as the
    /// message names it, e.g. <c>Lease.spec.leaseDurationSeconds</c>); null when the value decodes.
    /// </summary>
    public static string? Int32DecodeError(JsonNode? node, string goField)
    {
        if (node is null)
        {
            return null;
        }

        var kind = node.GetValueKind();
        if (kind == System.Text.Json.JsonValueKind.Number)
        {
            return JsonObjectExtensions.AsInt64(node) is >= int.MinValue and <= int.MaxValue
                ? null
                : $"json: cannot unmarshal number {node.ToJsonString()} into Go struct field {goField} of type int32";
        }

        var goKind = kind switch
        {
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
            System.Text.Json.JsonValueKind.Array => "array",
            System.Text.Json.JsonValueKind.Object => "object",
            System.Text.Json.JsonValueKind.Null => null,
            _ => "string",
        };
        return goKind is null ? null : $"json: cannot unmarshal {goKind} into Go struct field {goField} of type int32";
    }

    public override void PrepareForCreate(JsonObject obj) => ApplyDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => ApplyDefaults(obj);

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var name = obj.Name();
        var value = obj.GetInt("value") ?? 0;
        if (name.StartsWith(SystemPrefix, StringComparison.Ordinal))
        {
            if (SystemClassError(name, value, IsGlobalDefault(obj)) is { } problem)
            {
                errors.Add(FieldError.Forbidden("metadata.name", $"priority class names with '{SystemPrefix}' prefix are reserved for system use only. error: {problem}"));
            }
        }
        else if (value > HighestUserDefinablePriority)
        {
            errors.Add(FieldError.Forbidden("value", $"maximum allowed value of a user defined priority is {HighestUserDefinablePriority}"));
        }

        if (obj.GetString("preemptionPolicy") is { } policy && !PreemptionPolicies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported("preemptionPolicy", policy, PreemptionPolicies));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        if ((obj.GetInt("value") ?? 0) != (old.GetInt("value") ?? 0))
        {
            errors.Add(FieldError.Forbidden("value", "may not be changed in an update."));
        }

        var policy = obj.GetString("preemptionPolicy");
        if (policy != old.GetString("preemptionPolicy"))
        {
            errors.Add(FieldError.Invalid("preemptionPolicy", policy, "field is immutable"));
        }
    }

    /// <summary>The Priority admission plugin: a second global default is refused.</summary>
    public override async ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations) =>
        await RefuseSecondDefaultAsync(context, obj);

    public override async ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations) =>
        await RefuseSecondDefaultAsync(context, obj);

    /// <summary>The system classes cannot be deleted (upstream's priorityclass REST.Delete).</summary>
    public override ValueTask OnDeleteAsync(KubeWriteContext context, JsonObject old, List<StoreOperation> operations)
    {
        if (SystemClasses.Any(c => c.Name == old.Name()))
        {
            throw KubeStatus.Forbidden(Resource, old.Name(), "this is a system priority class and cannot be deleted").ToException();
        }

        return ValueTask.CompletedTask;
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(obj.GetInt("value") ?? 0);
        cells.Add(IsGlobalDefault(obj));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(obj.GetString("preemptionPolicy") ?? "");
    }

    private static bool IsGlobalDefault(JsonObject obj) => obj["globalDefault"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static void ApplyDefaults(JsonObject obj) => obj["preemptionPolicy"] ??= "PreemptLowerPriority";

    /// <summary>Upstream IsKnownSystemPriorityClass: null when the name, value and default flag match a system class.</summary>
    private static string? SystemClassError(string name, long value, bool globalDefault)
    {
        foreach (var (systemName, systemValue, _) in SystemClasses)
        {
            if (systemName != name)
            {
                continue;
            }

            if (systemValue != value)
            {
                return $"value of {name} PriorityClass must be {systemValue.ToString(CultureInfo.InvariantCulture)}";
            }

            return globalDefault ? $"globalDefault of {name} PriorityClass must be false" : null;
        }

        return $"{name} is not a known system priority class";
    }

    private static async ValueTask RefuseSecondDefaultAsync(KubeWriteContext context, JsonObject obj)
    {
        if (!IsGlobalDefault(obj))
        {
            return;
        }

        var prefix = $"{context.Cluster.StoragePrefix}registry/{Group}/priorityclasses/";
        var list = await context.Store.ListAsync(prefix, default, context.CancellationToken);
        var existing = list.Items
            .Select(item => ObjectBytes.Parse(item.Value, item.ModRevision))
            .Where(IsGlobalDefault)
            .OrderBy(c => c.GetInt("value") ?? 0)
            .FirstOrDefault();
        if (existing is not null && existing.Name() != obj.Name())
        {
            throw KubeStatus.Forbidden(Resource, obj.Name(), $"PriorityClass {existing.Name()} is already marked as default. Only one default can exist").ToException();
        }
    }
}
