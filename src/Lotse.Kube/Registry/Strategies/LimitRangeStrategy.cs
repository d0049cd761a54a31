using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 LimitRange (upstream <c>pkg/registry/core/limitrange/strategy.go</c>, SetDefaults_LimitRangeItem,
/// <c>ValidateLimitRange</c>): per type (Container, Pod, PersistentVolumeClaim or a qualified name) the min, max, default
/// and defaultRequest quantities must be ordered min ≤ defaultRequest ≤ default ≤ max. A Container item's default comes
/// from max and its defaultRequest from default or min. No admission applies the ranges to pods here.
/// </summary>
public sealed class LimitRangeStrategy : KubeStrategy
{
    private static readonly string[] StandardTypes = ["Pod", "Container", "PersistentVolumeClaim"];
    private static readonly string[] QuantityMaps = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["spec"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Created At", "date", "", TableColumn.AgeColumn.Description),
    ];

    public override string? DecodeError(JsonObject obj) =>
        Items(obj).SelectMany(item => QuantityMaps.Select(map => Quantity.MapDecodeError(item.GetObject(map)))).FirstOrDefault(e => e is not null);

    public override void PrepareForCreate(JsonObject obj) => ApplyDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => ApplyDefaults(obj);

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
        var types = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in Items(obj))
        {
            var path = $"spec.limits[{index++}]";
            var type = item.GetString("type") ?? "";
            ValidateType(type, $"{path}.type", errors);
            if (!types.Add(type))
            {
                errors.Add(FieldError.Duplicate($"{path}.type", type));
            }

            var max = CheckedMap(item, "max", type, path, errors);
            var min = CheckedMap(item, "min", type, path, errors);
            var defaults = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
            var defaultRequests = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
            if (type == "Pod")
            {
                if (item.GetObject("default").CountProperties() > 0)
                {
                    errors.Add(FieldError.Forbidden($"{path}.default", "may not be specified when `type` is 'Pod'"));
                }

                if (item.GetObject("defaultRequest").CountProperties() > 0)
                {
                    errors.Add(FieldError.Forbidden($"{path}.defaultRequest", "may not be specified when `type` is 'Pod'"));
                }
            }
            else
            {
                defaults = CheckedMap(item, "default", type, path, errors);
                defaultRequests = CheckedMap(item, "defaultRequest", type, path, errors);
            }

            if (type == "PersistentVolumeClaim" && !min.ContainsKey("storage") && !max.ContainsKey("storage"))
            {
                errors.Add(FieldError.Required($"{path}.limits", "either minimum or maximum storage value is required, but neither was provided"));
            }

            var ratios = CheckedMap(item, "maxLimitRequestRatio", type, path, errors);
            var keys = max.Keys.Concat(min.Keys).Concat(defaults.Keys).Concat(defaultRequests.Keys).Concat(ratios.Keys).Distinct().Order(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                ValidateOrder(key, path, min.GetValueOrDefault(key), max.GetValueOrDefault(key), defaults.GetValueOrDefault(key), defaultRequests.GetValueOrDefault(key), ratios.GetValueOrDefault(key), errors);
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(obj.CreationTimestamp() is { } created ? JsonObjectExtensions.FormatTime(created) : "<unknown>");
    }

    private static IEnumerable<JsonObject> Items(JsonObject obj) => obj.GetObject("spec").GetArray("limits")?.OfType<JsonObject>() ?? [];

    private static void ApplyDefaults(JsonObject obj)
    {
        foreach (var item in Items(obj))
        {
            if (item.GetString("type") != "Container")
            {
                continue;
            }

            var defaults = Map(item, "default");
            var defaultRequests = Map(item, "defaultRequest");
            foreach (var (key, value) in item.GetObject("max") ?? [])
            {
                defaults[key] ??= value?.DeepClone();
            }

            foreach (var (key, value) in defaults)
            {
                defaultRequests[key] ??= value?.DeepClone();
            }

            foreach (var (key, value) in item.GetObject("min") ?? [])
            {
                defaultRequests[key] ??= value?.DeepClone();
            }

            // Empty resource lists are omitted when serialised.
            foreach (var name in new[] { "default", "defaultRequest" })
            {
                if (item.GetObject(name).CountProperties() == 0)
                {
                    item.Remove(name);
                }
            }
        }
    }

    private static void Canonicalize(JsonObject obj)
    {
        foreach (var item in Items(obj))
        {
            foreach (var map in QuantityMaps)
            {
                Quantity.CanonicalizeMap(item.GetObject(map));
            }
        }
    }

    private static JsonObject Map(JsonObject item, string name)
    {
        if (item[name] is not JsonObject map)
        {
            map = [];
            item[name] = map;
        }

        return map;
    }

    /// <summary>validateLimitRangeTypeName: a qualified name, and a standard type unless fully qualified.</summary>
    private static void ValidateType(string type, string path, List<FieldError> errors)
    {
        var messages = NameRules.IsQualifiedName(type).ToList();
        foreach (var msg in messages)
        {
            errors.Add(FieldError.Invalid(path, type, msg));
        }

        if (messages.Count == 0 && !type.Contains('/', StringComparison.Ordinal) && !StandardTypes.Contains(type))
        {
            errors.Add(FieldError.Invalid(path, type, "must be a standard limit type or fully qualified"));
        }
    }

    /// <summary>The quantities of one map of the item, with their resource names validated for the item's type.</summary>
    private static SortedDictionary<string, Quantity> CheckedMap(JsonObject item, string name, string type, string path, List<FieldError> errors)
    {
        var map = Quantity.ReadMap(item.GetObject(name));
        foreach (var key in map.Keys)
        {
            var keyPath = $"{path}.{name}[{key}]";
            if (type is "Pod" or "Container")
            {
                ResourceNames.ValidateForContainer(key, keyPath, errors);
            }
            else
            {
                ResourceNames.Validate(key, keyPath, errors);
            }
        }

        return map;
    }

    private static void ValidateOrder(string key, string path, Quantity? min, Quantity? max, Quantity? defaultLimit, Quantity? defaultRequest, Quantity? ratio, List<FieldError> errors)
    {
        void Invalid(string field, Quantity value, string detail) =>
            errors.Add(FieldError.InvalidRaw($"{path}.{field}[{key}]", value.GoSyntax(), detail));

        if (min is not null && max is not null && min.CompareTo(max) > 0)
        {
            Invalid("min", min, $"min value {min} is greater than max value {max}");
        }

        if (defaultRequest is not null && min is not null && min.CompareTo(defaultRequest) > 0)
        {
            Invalid("defaultRequest", defaultRequest, $"min value {min} is greater than default request value {defaultRequest}");
        }

        if (defaultRequest is not null && max is not null && defaultRequest.CompareTo(max) > 0)
        {
            Invalid("defaultRequest", defaultRequest, $"default request value {defaultRequest} is greater than max value {max}");
        }

        if (defaultRequest is not null && defaultLimit is not null && defaultRequest.CompareTo(defaultLimit) > 0)
        {
            Invalid("defaultRequest", defaultRequest, $"default request value {defaultRequest} is greater than default limit value {defaultLimit}");
        }

        if (defaultLimit is not null && min is not null && min.CompareTo(defaultLimit) > 0)
        {
            Invalid("default", min, $"min value {min} is greater than default value {defaultLimit}");
        }

        if (defaultLimit is not null && max is not null && defaultLimit.CompareTo(max) > 0)
        {
            Invalid("default", max, $"default value {defaultLimit} is greater than max value {max}");
        }

        if (ratio is not null && ratio.Value < 1)
        {
            Invalid("maxLimitRequestRatio", ratio, $"ratio {ratio} is less than 1");
        }

        if (ratio is not null && min is not null && max is not null && min.Value != 0)
        {
            var limit = (double)(max.Value / min.Value);
            if ((double)ratio.Value > limit)
            {
                Invalid("maxLimitRequestRatio", ratio, $"ratio {ratio} is greater than max/min = {limit.ToString("F6", CultureInfo.InvariantCulture)}");
            }
        }

        // Extended resources and hugepages cannot be overcommitted: their default must equal the default request.
        var overcommit = (!key.Contains('/', StringComparison.Ordinal) || key.StartsWith("kubernetes.io/", StringComparison.Ordinal))
            && !key.StartsWith("hugepages-", StringComparison.Ordinal);
        if (!overcommit && defaultLimit is not null && defaultRequest is not null && defaultLimit.CompareTo(defaultRequest) != 0)
        {
            Invalid("defaultRequest", defaultRequest, $"default value {defaultLimit} must equal to defaultRequest value {defaultRequest} in {key}");
        }
    }
}
