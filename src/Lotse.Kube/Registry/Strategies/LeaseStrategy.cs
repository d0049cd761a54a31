using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// coordination.k8s.io/v1 Lease (upstream <c>pkg/registry/coordination/lease/strategy.go</c>, <c>ValidateLeaseSpec</c>):
/// what leader election and node heartbeats write; the holder is free text, durations and transitions are checked.
/// </summary>
public sealed class LeaseStrategy : KubeStrategy
{
    private static readonly string[] Strategies = ["OldestEmulationVersion"];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["spec"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Holder", "string", "", "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field."),
        TableColumn.AgeColumn,
    ];

    public override string? DecodeError(JsonObject obj) =>
        PriorityClassStrategy.Int32DecodeError(obj.GetObject("spec")?["leaseDurationSeconds"], "Lease.spec.leaseDurationSeconds")
        ?? PriorityClassStrategy.Int32DecodeError(obj.GetObject("spec")?["leaseTransitions"], "Lease.spec.leaseTransitions");

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        if (spec.GetInt("leaseDurationSeconds") is <= 0 and var duration)
        {
            errors.Add(FieldError.InvalidRaw("spec.leaseDurationSeconds", duration.ToString(CultureInfo.InvariantCulture), "must be greater than 0"));
        }

        if (spec.GetInt("leaseTransitions") is < 0 and var transitions)
        {
            errors.Add(FieldError.InvalidRaw("spec.leaseTransitions", transitions.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }

        var strategy = spec.GetString("strategy");
        if (strategy is not null)
        {
            if (!strategy.Contains('/'))
            {
                if (!Strategies.Contains(strategy))
                {
                    errors.Add(FieldError.NotSupported("spec.strategy", strategy, Strategies));
                }
            }
            else
            {
                foreach (var msg in NameRules.IsQualifiedName(strategy))
                {
                    errors.Add(FieldError.Invalid("spec.strategy", strategy, msg));
                }
            }
        }

        if (!string.IsNullOrEmpty(spec.GetString("preferredHolder")) && string.IsNullOrEmpty(strategy))
        {
            errors.Add(FieldError.Forbidden("spec.preferredHolder", "may only be specified if `strategy` is defined"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(obj.GetObject("spec").GetString("holderIdentity") ?? "");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }
}
