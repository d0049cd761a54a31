using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lotse.Eks.Nodegroups;

/// <summary>The CreateNodegroup body (the cluster name comes from the URI).</summary>
public sealed class CreateNodegroupRequest
{
    public string? NodegroupName { get; init; }

    public NodegroupScalingConfig? ScalingConfig { get; init; }

    public int? DiskSize { get; init; }

    public List<string>? Subnets { get; init; }

    public List<string>? InstanceTypes { get; init; }

    public string? AmiType { get; init; }

    public RemoteAccessConfig? RemoteAccess { get; init; }

    public string? NodeRole { get; init; }

    public Dictionary<string, string>? Labels { get; init; }

    public List<Taint>? Taints { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public string? ClientRequestToken { get; init; }

    public LaunchTemplateSpecification? LaunchTemplate { get; init; }

    public NodegroupUpdateConfig? UpdateConfig { get; init; }

    public string? CapacityType { get; init; }

    public string? Version { get; init; }

    public string? ReleaseVersion { get; init; }

    /// <summary>Members Lotse does not model (warm pools, node repair…): refused, never silently dropped.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>The UpdateNodegroupConfig body.</summary>
public sealed class UpdateNodegroupConfigRequest
{
    public UpdateLabelsPayload? Labels { get; init; }

    public UpdateTaintsPayload? Taints { get; init; }

    public NodegroupScalingConfig? ScalingConfig { get; init; }

    public NodegroupUpdateConfig? UpdateConfig { get; init; }

    public string? ClientRequestToken { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed class UpdateLabelsPayload
{
    public Dictionary<string, string>? AddOrUpdateLabels { get; init; }

    public List<string>? RemoveLabels { get; init; }
}

public sealed class UpdateTaintsPayload
{
    public List<Taint>? AddOrUpdateTaints { get; init; }

    public List<Taint>? RemoveTaints { get; init; }
}

/// <summary>The UpdateNodegroupVersion body.</summary>
public sealed class UpdateNodegroupVersionRequest
{
    public string? Version { get; init; }

    public string? ReleaseVersion { get; init; }

    public LaunchTemplateSpecification? LaunchTemplate { get; init; }

    public bool? Force { get; init; }

    public string? ClientRequestToken { get; init; }
}
