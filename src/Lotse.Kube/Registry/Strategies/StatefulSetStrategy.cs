using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// apps/v1 StatefulSet (upstream <c>pkg/registry/apps/statefulset/strategy.go</c>, apps/v1 SetDefaults_StatefulSet,
/// ValidateStatefulSetSpec and ValidateStatefulSetUpdate). Stored only: no controller creates its pods or claims.
/// Unlike the other workloads, an update may change only a handful of spec fields; the rest (selector, serviceName,
/// volumeClaimTemplates, podManagementPolicy) is refused with one Forbidden on <c>spec</c>.
/// </summary>
public sealed class StatefulSetStrategy : ReplicatedWorkloadStrategy
{
    private static readonly string[] ManagementPolicies = ["OrderedReady", "Parallel"];

    /// <summary>Upstream lists the retention policies as a sorted set.</summary>
    private static readonly string[] RetentionPolicies = ["Delete", "Retain"];

    /// <summary>The spec fields ValidateStatefulSetUpdate lets change.</summary>
    private static readonly string[] MutableSpecFields = ["replicas", "ordinals", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "", "Number of the pod with ready state"),
        TableColumn.AgeColumn,
        TableColumn.TemplateContainersColumn,
        TableColumn.TemplateImagesColumn,
    ];

    /// <summary><c>status.replicas</c> and <c>status.availableReplicas</c> have no omitempty.</summary>
    protected override JsonObject EmptyStatus => new() { ["replicas"] = 0, ["availableReplicas"] = 0 };

    protected override string SelectorOwner => "statefulset";

    protected override string TemplateOwner => "StatefulSet";

    protected override bool KindChecksFirst => true;

    public override string? DecodeError(JsonObject obj) =>
        new[] { "replicas", "minReadySeconds", "revisionHistoryLimit" }
            .Select(field => PriorityClassStrategy.Int32DecodeError(obj.GetObject("spec")?[field], $"StatefulSet.spec.{field}"))
            .FirstOrDefault(error => error is not null);

    protected override void DefaultSpec(JsonObject spec)
    {
        spec["podManagementPolicy"] ??= "OrderedReady";
        if (spec["updateStrategy"] is not JsonObject strategy)
        {
            strategy = [];
            spec["updateStrategy"] = strategy;
        }

        strategy["type"] ??= "RollingUpdate";
        if (strategy.GetString("type") == "RollingUpdate")
        {
            if (strategy["rollingUpdate"] is not JsonObject rolling)
            {
                rolling = [];
                strategy["rollingUpdate"] = rolling;
            }

            rolling["partition"] ??= 0;
        }

        if (spec["persistentVolumeClaimRetentionPolicy"] is not JsonObject retention)
        {
            retention = [];
            spec["persistentVolumeClaimRetentionPolicy"] = retention;
        }

        retention["whenDeleted"] ??= "Retain";
        retention["whenScaled"] ??= "Retain";
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        foreach (var claim in spec.GetArray("volumeClaimTemplates")?.OfType<JsonObject>() ?? [])
        {
            // The generated defaulters run SetDefaults_PersistentVolumeClaim on each claim template.
            if (claim["spec"] is JsonObject claimSpec)
            {
                claimSpec["volumeMode"] ??= "Filesystem";
            }

            if (claim["status"] is not JsonObject claimStatus)
            {
                claimStatus = [];
                claim["status"] = claimStatus;
            }

            claimStatus["phase"] ??= "Pending";
        }
    }

    protected override void ValidateSpec(JsonObject spec, List<FieldError> errors)
    {
        switch (spec.GetString("podManagementPolicy") ?? "")
        {
            case "":
                errors.Add(FieldError.Required("spec.podManagementPolicy", ""));
                break;
            case var policy when !ManagementPolicies.Contains(policy):
                errors.Add(FieldError.Invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"));
                break;
        }

        var strategy = spec.GetObject("updateStrategy");
        var rolling = strategy.GetObject("rollingUpdate");
        switch (strategy.GetString("type") ?? "")
        {
            case "":
                errors.Add(FieldError.Required("spec.updateStrategy", ""));
                break;
            case "OnDelete" when rolling is not null:
                errors.Add(FieldError.InvalidRaw("spec.updateStrategy.rollingUpdate", GoRollingUpdate(rolling), "only allowed for updateStrategy 'RollingUpdate'"));
                break;
            case "OnDelete":
                break;
            case "RollingUpdate":
                if (rolling.GetInt("partition") is < 0 and var partition)
                {
                    errors.Add(FieldError.InvalidRaw("spec.updateStrategy.rollingUpdate.partition", partition.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
                }

                break;
            default:
                errors.Add(FieldError.InvalidRaw("spec.updateStrategy", GoUpdateStrategy(strategy!), "must be 'RollingUpdate' or 'OnDelete'"));
                break;
        }

        var retention = spec.GetObject("persistentVolumeClaimRetentionPolicy");
        foreach (var field in new[] { "whenDeleted", "whenScaled" })
        {
            if (retention.GetString(field) is { } value && !RetentionPolicies.Contains(value))
            {
                errors.Add(FieldError.NotSupported($"spec.persistentVolumeClaimRetentionPolicy.{field}", value, RetentionPolicies));
            }
        }

        if (spec.GetObject("ordinals").GetInt("start") is < 0 and var start)
        {
            errors.Add(FieldError.InvalidRaw("spec.ordinals.start", start.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }

        NonNegative(spec, "revisionHistoryLimit", errors);
    }

    protected override void ValidateSpecUpdate(JsonObject? spec, JsonObject? oldSpec, List<FieldError> errors)
    {
        if (!JsonNode.DeepEquals(Immutable(spec), Immutable(oldSpec)))
        {
            errors.Add(FieldError.Forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        cells.Add(obj.Name());
        cells.Add($"{Int(obj.GetObject("status"), "readyReplicas")}/{Int(spec, "replicas")}");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        var template = spec.GetObject("template");
        cells.Add(PodTemplates.ContainerNames(template));
        cells.Add(PodTemplates.ContainerImages(template));
    }

    /// <summary>The spec without the fields an update may change (what upstream compares after copying them over).</summary>
    private static JsonObject Immutable(JsonObject? spec)
    {
        var copy = (JsonObject?)spec?.DeepClone() ?? [];
        foreach (var field in MutableSpecFields)
        {
            copy.Remove(field);
        }

        return copy;
    }

    /// <summary>The internal update strategy as Go's <c>%#v</c> prints it (pointers as a fixed address).</summary>
    private static string GoUpdateStrategy(JsonObject strategy) =>
        $"apps.StatefulSetUpdateStrategy{{Type:\"{strategy.GetString("type")}\", RollingUpdate:{(strategy["rollingUpdate"] is null ? "(*apps.RollingUpdateStatefulSetStrategy)(nil)" : "(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)")}}}";

    /// <summary>A set rolling update as Go's <c>%#v</c> prints the dereferenced pointer field.</summary>
    private static string GoRollingUpdate(JsonObject rolling) =>
        $"apps.RollingUpdateStatefulSetStrategy{{Partition:{rolling.GetInt("partition") ?? 0}, MaxUnavailable:{(rolling["maxUnavailable"] is null ? "(*intstr.IntOrString)(nil)" : "(*intstr.IntOrString)(0xc000000000)")}}}";
}
