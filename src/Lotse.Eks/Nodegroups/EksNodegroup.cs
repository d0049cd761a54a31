using Lotse.Eks.Clusters;

namespace Lotse.Eks.Nodegroups;

/// <summary>The EKS <c>Nodegroup</c> shape as DescribeNodegroup returns it; also what the simulated nodes are built from.</summary>
public sealed class EksNodegroup
{
    public required string NodegroupName { get; init; }

    public required string NodegroupArn { get; init; }

    public required string ClusterName { get; init; }

    public required string Version { get; set; }

    public required string ReleaseVersion { get; set; }

    public required double CreatedAt { get; init; }

    public required double ModifiedAt { get; set; }

    public required string Status { get; set; }

    public required string CapacityType { get; init; }

    public required NodegroupScalingConfig ScalingConfig { get; set; }

    public required List<string> InstanceTypes { get; init; }

    public required List<string> Subnets { get; init; }

    public RemoteAccessConfig? RemoteAccess { get; init; }

    public required string AmiType { get; init; }

    public required string NodeRole { get; init; }

    public required Dictionary<string, string> Labels { get; set; }

    public List<Taint>? Taints { get; set; }

    public required NodegroupResources Resources { get; init; }

    public int? DiskSize { get; init; }

    public required ClusterHealth Health { get; init; }

    public required NodegroupUpdateConfig UpdateConfig { get; set; }

    public LaunchTemplateSpecification? LaunchTemplate { get; set; }

    public required Dictionary<string, string> Tags { get; init; }

    /// <summary>The idempotency token of the CreateNodegroup that made this node group, so a retry returns it instead of failing.</summary>
    public string? ClientRequestToken { get; init; }
}

public sealed class NodegroupScalingConfig
{
    public int? MinSize { get; set; }

    public int? MaxSize { get; set; }

    public int? DesiredSize { get; set; }
}

public sealed class RemoteAccessConfig
{
    public string? Ec2SshKey { get; init; }

    public List<string>? SourceSecurityGroups { get; init; }
}

public sealed class Taint
{
    public string? Key { get; init; }

    public string? Value { get; init; }

    public string? Effect { get; init; }
}

public sealed class NodegroupResources
{
    public List<AutoScalingGroup> AutoScalingGroups { get; init; } = [];

    public string? RemoteAccessSecurityGroup { get; init; }
}

public sealed record AutoScalingGroup(string Name);

public sealed class NodegroupUpdateConfig
{
    public int? MaxUnavailable { get; init; }

    public int? MaxUnavailablePercentage { get; init; }

    public string? UpdateStrategy { get; init; }
}

public sealed class LaunchTemplateSpecification
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? Id { get; init; }
}

/// <summary>The node group statuses of the model's <c>NodegroupStatus</c> enum that Lotse uses.</summary>
public static class NodegroupStatus
{
    public const string Creating = "CREATING";
    public const string Active = "ACTIVE";
    public const string Updating = "UPDATING";
    public const string Deleting = "DELETING";
}
