namespace Lotse.Eks.Nodegroups;

/// <summary>
/// The checks node group creation and UpdateNodegroupConfig share: scaling bounds, labels, taints, update config,
/// with EKS's wording where it is known ("minSize can't be greater than desiredSize", …).
/// </summary>
public static class NodegroupRules
{
    public const int MaxTaints = 50;

    private static readonly string[] TaintEffects = ["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"];

    public static void ValidateScaling(NodegroupScalingConfig scaling, string cluster, string nodegroup)
    {
        var (min, max, desired) = (scaling.MinSize!.Value, scaling.MaxSize!.Value, scaling.DesiredSize!.Value);
        if (min < 0 || desired < 0 || max < 1)
        {
            throw EksErrors.InvalidParameter("minSize and desiredSize must be at least 0 and maxSize at least 1.", cluster, nodegroup);
        }

        if (min > max)
        {
            throw EksErrors.InvalidParameter("minSize can't be greater than maxSize", cluster, nodegroup);
        }

        if (min > desired)
        {
            throw EksErrors.InvalidParameter("minSize can't be greater than desiredSize", cluster, nodegroup);
        }

        if (desired > max)
        {
            throw EksErrors.InvalidParameter("desiredSize can't be greater than maxSize", cluster, nodegroup);
        }
    }

    public static void ValidateUpdateConfig(NodegroupUpdateConfig? config, int maxSize, string cluster, string nodegroup)
    {
        if (config is null)
        {
            return;
        }

        if (config.MaxUnavailable is not null && config.MaxUnavailablePercentage is not null)
        {
            throw EksErrors.InvalidParameter("Only one of maxUnavailable and maxUnavailablePercentage can be specified.", cluster, nodegroup);
        }

        if (config.MaxUnavailable is { } count && (count < 1 || count > maxSize))
        {
            throw EksErrors.InvalidParameter("max-unavailable must be within the range 1 and max size of the node group", cluster, nodegroup);
        }

        if (config.MaxUnavailablePercentage is { } percent && percent is < 1 or > 100)
        {
            throw EksErrors.InvalidParameter("max-unavailable-percentage must be within the range 1 and 100", cluster, nodegroup);
        }

        if (config.UpdateStrategy is { } strategy && strategy is not ("DEFAULT" or "MINIMAL"))
        {
            throw EksErrors.ConstraintViolation("updateConfig.updateStrategy", strategy, "Member must satisfy enum value set: [DEFAULT, MINIMAL]", cluster);
        }
    }

    public static void ValidateLabels(IReadOnlyDictionary<string, string>? labels, string cluster, string nodegroup)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (key.Length is 0 or > 63 || value.Length is 0 or > 63)
            {
                throw EksErrors.InvalidParameter($"Label key and value must be between 1 and 63 characters long: {key}={value}", cluster, nodegroup);
            }

            if (key.StartsWith("kubernetes.io/", StringComparison.Ordinal) || key.StartsWith("k8s.io/", StringComparison.Ordinal) || key.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal))
            {
                throw EksErrors.InvalidParameter($"Label key {key} uses a prefix reserved for Kubernetes and Amazon EKS.", cluster, nodegroup);
            }
        }
    }

    public static void ValidateTaints(IReadOnlyList<Taint>? taints, string cluster, string nodegroup, bool requireEffect = true)
    {
        foreach (var taint in taints ?? [])
        {
            if (taint.Key is not { Length: >= 1 and <= 63 })
            {
                throw EksErrors.InvalidParameter("Taint key must be between 1 and 63 characters long.", cluster, nodegroup);
            }

            if (taint.Value is { Length: > 63 })
            {
                throw EksErrors.InvalidParameter($"Taint value for key {taint.Key} must be at most 63 characters long.", cluster, nodegroup);
            }

            if ((requireEffect || taint.Effect is not null) && !TaintEffects.Contains(taint.Effect))
            {
                throw EksErrors.ConstraintViolation("taints.member.effect", taint.Effect ?? "null", "Member must satisfy enum value set: [NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE]", cluster);
            }
        }

        if (taints is { Count: > MaxTaints })
        {
            throw EksErrors.InvalidParameter($"A node group can have at most {MaxTaints} taints.", cluster, nodegroup);
        }
    }
}
