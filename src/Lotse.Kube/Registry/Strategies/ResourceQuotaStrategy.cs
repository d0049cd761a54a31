using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 ResourceQuota (upstream <c>pkg/registry/core/resourcequota/strategy.go</c>, <c>ValidateResourceQuota</c>):
/// hard limits on standard quota resources (or fully qualified ones), not negative, whole numbers for object counts;
/// scopes must be known and not conflict. Status (hard and used) belongs to <c>resourcequotas/status</c>: no quota
/// controller runs here, so a new quota starts with an empty status.
/// </summary>
public sealed class ResourceQuotaStrategy : KubeStrategy
{
    private static readonly string[] Scopes = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"];
    private static readonly (string, string)[] ConflictingScopes = [("BestEffort", "NotBestEffort"), ("Terminating", "NotTerminating")];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        TableColumn.AgeColumn,
        new("Request", "string", "", "Request represents a minimum amount of cpu/memory that a container may consume."),
        new("Limit", "string", "", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
    ];

    public override string? DecodeError(JsonObject obj) =>
        Quantity.MapDecodeError(obj.GetObject("spec").GetObject("hard"))
        ?? Quantity.MapDecodeError(obj.GetObject("status").GetObject("hard"))
        ?? Quantity.MapDecodeError(obj.GetObject("status").GetObject("used"));

    public override void PrepareForCreate(JsonObject obj) => obj["status"] = new JsonObject();

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => obj["status"] = old["status"]?.DeepClone();

    /// <summary>Quantities are stored canonical; validation (and its messages) saw them as written.</summary>
    public override ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations)
    {
        Canonicalize(obj);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations)
    {
        Canonicalize(obj);
        return ValueTask.CompletedTask;
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        ValidateQuantities(spec.GetObject("hard"), "spec.hard", errors);
        ValidateScopes(spec.GetArray("scopes"), errors);
        ValidateStatus(obj, errors);
    }

    /// <summary>ValidateResourceQuotaUpdate: the set of scopes is fixed once created.</summary>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var scopes = obj.GetObject("spec").GetArray("scopes")?.Select(s => s?.ToString() ?? "").ToList() ?? [];
        var oldScopes = old.GetObject("spec").GetArray("scopes")?.Select(s => s?.ToString() ?? "").ToHashSet() ?? [];
        if (!oldScopes.SetEquals(scopes))
        {
            errors.Add(FieldError.InvalidRaw("spec.scopes", GoScopes(scopes), "field is immutable"));
        }
    }

    /// <summary>ValidateResourceQuotaStatus: status.hard and status.used follow the same rules as spec.hard.</summary>
    public static void ValidateStatus(JsonObject obj, List<FieldError> errors)
    {
        var status = obj.GetObject("status");
        ValidateQuantities(status.GetObject("hard"), "status.hard", errors);
        ValidateQuantities(status.GetObject("used"), "status.used", errors);
    }

    /// <summary>The status subresource writes quantities canonical too.</summary>
    public static void PrepareForStatusUpdate(JsonObject obj) => Canonicalize(obj);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var status = obj.GetObject("status");
        var used = Quantity.ReadMap(status.GetObject("used"));
        var requests = new List<string>();
        var limits = new List<string>();
        foreach (var (name, hard) in Quantity.ReadMap(status.GetObject("hard")))
        {
            var pieces = name.Split('.');
            var column = pieces.Length > 1 && pieces[0] == "limits" ? limits : requests;
            column.Add($"{name}: {used.GetValueOrDefault(name) ?? Quantity.Zero}/{hard}");
        }

        cells.Add(obj.Name());
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(string.Join(", ", requests));
        cells.Add(string.Join(", ", limits));
    }

    private static void Canonicalize(JsonObject obj)
    {
        Quantity.CanonicalizeMap(obj.GetObject("spec").GetObject("hard"));
        Quantity.CanonicalizeMap(obj.GetObject("status").GetObject("hard"));
        Quantity.CanonicalizeMap(obj.GetObject("status").GetObject("used"));
    }

    /// <summary>ValidateResourceQuotaResourceName and ValidateResourceQuantityValue for each entry.</summary>
    private static void ValidateQuantities(JsonObject? map, string path, List<FieldError> errors)
    {
        foreach (var (name, quantity) in Quantity.ReadMap(map))
        {
            var entryPath = $"{path}[{name}]";
            ResourceNames.ValidateForQuota(name, entryPath, errors);
            if (quantity.Value < 0)
            {
                errors.Add(FieldError.Invalid(entryPath, quantity.ToString(), "must be greater than or equal to 0"));
            }

            if (ResourceNames.IsInteger(name) && decimal.Truncate(quantity.Value * 1000) % 1000 != 0)
            {
                errors.Add(FieldError.InvalidRaw(entryPath, quantity.GoSyntax(), "must be an integer"));
            }
        }
    }

    private static void ValidateScopes(JsonArray? scopes, List<FieldError> errors)
    {
        var names = scopes?.Select(s => s?.ToString() ?? "").ToList() ?? [];
        if (names.Count == 0)
        {
            return;
        }

        var rendered = GoScopes(names);
        var unsupported = names.Count(n => !Scopes.Contains(n));
        for (var i = 0; i < unsupported; i++)
        {
            errors.Add(FieldError.InvalidRaw("spec.scopes", rendered, "unsupported scope"));
        }

        foreach (var (a, b) in ConflictingScopes)
        {
            if (names.Contains(a) && names.Contains(b))
            {
                errors.Add(FieldError.InvalidRaw("spec.scopes", rendered, "conflicting scopes"));
            }
        }
    }

    /// <summary>A scope list as Go's <c>%#v</c> prints it.</summary>
    private static string GoScopes(List<string> scopes) => scopes.Count == 0
        ? "[]core.ResourceQuotaScope(nil)"
        : $"[]core.ResourceQuotaScope{{{string.Join(", ", scopes.Select(n => $"\"{n}\""))}}}";
}
