using System.Text.Json;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Updates;

/// <summary>
/// UpdateClusterConfig as EKS judges it: exactly one kind of update per call ("Only one type of update can be allowed."),
/// then that kind's checks against the cluster as it is, refusing a change that changes nothing.
/// </summary>
public static partial class ClusterConfigChange
{
    /// <summary>The one update type the request asks for; checked before the cluster is looked up.</summary>
    public static string Classify(UpdateClusterConfigRequest request, string name)
    {
        if (request.Other is { Count: > 0 } other)
        {
            throw EksErrors.InvalidParameter($"Lotse does not support updating {other.Keys.First()}.", name);
        }

        if (request.AccessConfig?.Other is { Count: > 0 } access)
        {
            throw EksErrors.InvalidParameter($"Unknown parameter in accessConfig: {access.Keys.First()}", name);
        }

        var types = new List<string>();
        if (request.ResourcesVpcConfig is { } vpc)
        {
            if (vpc.EndpointPublicAccess is not null || vpc.EndpointPrivateAccess is not null || vpc.PublicAccessCidrs is not null)
            {
                types.Add(UpdateType.EndpointAccess);
            }

            if (vpc.SubnetIds.Count > 0 || vpc.SecurityGroupIds.Count > 0)
            {
                types.Add(UpdateType.VpcConfig);
            }
        }

        AddIf(types, request.Logging is not null, UpdateType.Logging);
        AddIf(types, request.AccessConfig?.AuthenticationMode is not null, UpdateType.AccessConfig);
        AddIf(types, request.UpgradePolicy?.SupportType is not null, UpdateType.UpgradePolicy);
        AddIf(types, request.ZonalShiftConfig?.Enabled is not null, UpdateType.ZonalShiftConfig);
        AddIf(types, request.DeletionProtection is not null, UpdateType.DeletionProtection);

        return types.Count switch
        {
            1 => types[0],
            0 => throw EksErrors.InvalidParameter(
                "No changes were requested: specify one of resourcesVpcConfig, logging, accessConfig, upgradePolicy, zonalShiftConfig or deletionProtection.", name),
            _ => throw EksErrors.InvalidParameter("Only one type of update can be allowed.", name),
        };
    }

    /// <summary>The change of <paramref name="type"/> against <paramref name="cluster"/>; throws when it is invalid or a no-op.</summary>
    public static ClusterChange Plan(string type, UpdateClusterConfigRequest request, EksCluster cluster) => type switch
    {
        UpdateType.EndpointAccess => EndpointAccess(request.ResourcesVpcConfig!, cluster),
        UpdateType.VpcConfig => VpcConfig(request.ResourcesVpcConfig!, cluster),
        UpdateType.Logging => Logging(request.Logging!, cluster),
        UpdateType.AccessConfig => AccessConfig(request.AccessConfig!.AuthenticationMode!, cluster),
        UpdateType.UpgradePolicy => UpgradePolicy(request.UpgradePolicy!.SupportType!, cluster),
        UpdateType.ZonalShiftConfig => ZonalShift(request.ZonalShiftConfig!.Enabled!.Value, cluster),
        _ => DeletionProtection(request.DeletionProtection!.Value, cluster),
    };

    private static ClusterChange Logging(Logging requested, EksCluster cluster)
    {
        CreateClusterValidator.ValidateLogging(requested, cluster.Name);

        // Types the request does not mention keep their state: the request's entries apply on top of the current ones.
        var merged = EksClusterService.NormalizeLogging(new Logging { ClusterLogging = [.. cluster.Logging.ClusterLogging, .. requested.ClusterLogging] });
        if (JsonSerializer.Serialize(merged, EksJson.Options) == JsonSerializer.Serialize(cluster.Logging, EksJson.Options))
        {
            throw EksErrors.InvalidParameter("No changes needed for the logging config provided", cluster.Name);
        }

        return new ClusterChange(UpdateType.Logging, [new("ClusterLogging", JsonSerializer.Serialize(requested, EksJson.Options))], c => c.Logging = merged);
    }

    private static ClusterChange AccessConfig(string mode, EksCluster cluster)
    {
        if (mode is not ("API" or "API_AND_CONFIG_MAP" or "CONFIG_MAP"))
        {
            throw EksErrors.ConstraintViolation("accessConfig.authenticationMode", mode, "Member must satisfy enum value set: [API, API_AND_CONFIG_MAP, CONFIG_MAP]", cluster.Name);
        }

        var current = cluster.AccessConfig.AuthenticationMode ?? "CONFIG_MAP";
        if (mode == current)
        {
            throw EksErrors.InvalidParameter($"Cluster is already at the desired configuration with authenticationMode: {mode}", cluster.Name);
        }

        // One way only, one step at a time: access entries can be switched on, the ConfigMap can be switched off, never back.
        if ((current, mode) is not (("CONFIG_MAP", "API_AND_CONFIG_MAP") or ("API_AND_CONFIG_MAP", "API")))
        {
            throw EksErrors.InvalidParameter($"Unsupported authentication mode update from {current} to {mode}", cluster.Name);
        }

        return new ClusterChange(UpdateType.AccessConfig, [new("AuthenticationMode", mode)], c => c.AccessConfig.AuthenticationMode = mode);
    }

    private static ClusterChange UpgradePolicy(string supportType, EksCluster cluster)
    {
        if (supportType is not ("STANDARD" or "EXTENDED"))
        {
            throw EksErrors.ConstraintViolation("upgradePolicy.supportType", supportType, "Member must satisfy enum value set: [STANDARD, EXTENDED]", cluster.Name);
        }

        if (cluster.UpgradePolicy.SupportType == supportType)
        {
            throw EksErrors.InvalidParameter($"Cluster is already at the desired configuration with supportType: {supportType}", cluster.Name);
        }

        var value = JsonSerializer.Serialize(new UpgradePolicy { SupportType = supportType }, EksJson.Options);
        return new ClusterChange(UpdateType.UpgradePolicy, [new("UpgradePolicy", value)], c => c.UpgradePolicy = new UpgradePolicy { SupportType = supportType });
    }

    private static ClusterChange ZonalShift(bool enabled, EksCluster cluster)
    {
        if ((cluster.ZonalShiftConfig?.Enabled ?? false) == enabled)
        {
            throw EksErrors.InvalidParameter($"Cluster is already at the desired configuration with zonalShiftConfig enabled: {Word(enabled)}", cluster.Name);
        }

        var value = JsonSerializer.Serialize(new ZonalShiftConfig { Enabled = enabled }, EksJson.Options);
        return new ClusterChange(UpdateType.ZonalShiftConfig, [new("ZonalShiftConfig", value)], c => c.ZonalShiftConfig = new ZonalShiftConfig { Enabled = enabled });
    }

    private static ClusterChange DeletionProtection(bool enabled, EksCluster cluster)
    {
        if (cluster.DeletionProtection == enabled)
        {
            throw EksErrors.InvalidParameter($"Cluster is already at the desired configuration with deletionProtection: {Word(enabled)}", cluster.Name);
        }

        return new ClusterChange(UpdateType.DeletionProtection, [new("DeletionProtection", Word(enabled))], c => c.DeletionProtection = enabled);
    }

    private static void AddIf(List<string> types, bool condition, string type)
    {
        if (condition)
        {
            types.Add(type);
        }
    }

    internal static string Word(bool value) => value ? "true" : "false";
}
