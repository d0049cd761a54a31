using System.Text.RegularExpressions;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Nodegroups;

/// <summary>
/// The request-only checks of CreateNodegroup (botocore checks required members, types and minimums; EKS the rest).
/// Checks that need the cluster or IAM happen in <see cref="EksNodegroupService"/>.
/// </summary>
public static partial class CreateNodegroupValidator
{
    public static readonly IReadOnlyList<string> AmiTypes =
    [
        "AL2_x86_64", "AL2_x86_64_GPU", "AL2_ARM_64", "CUSTOM", "BOTTLEROCKET_ARM_64", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64_FIPS",
        "BOTTLEROCKET_x86_64_FIPS", "BOTTLEROCKET_ARM_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA", "BOTTLEROCKET_ARM_64_NVIDIA_FIPS",
        "BOTTLEROCKET_x86_64_NVIDIA_FIPS", "WINDOWS_CORE_2019_x86_64", "WINDOWS_FULL_2019_x86_64", "WINDOWS_CORE_2022_x86_64",
        "WINDOWS_FULL_2022_x86_64", "WINDOWS_CORE_2025_x86_64", "WINDOWS_FULL_2025_x86_64", "AL2023_x86_64_STANDARD",
        "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NEURON", "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA",
    ];

    private static readonly string[] CapacityTypes = ["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"];

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9\\-_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$")]
    private static partial Regex InstanceTypePattern();

    public static void Validate(CreateNodegroupRequest request, string cluster)
    {
        var name = request.NodegroupName ?? "";
        if (name.Length is 0 or > 63)
        {
            throw EksErrors.ConstraintViolation("nodegroupName", name, "Member must have length between 1 and 63", cluster);
        }

        if (!NamePattern().IsMatch(name))
        {
            throw EksErrors.ConstraintViolation("nodegroupName", name, "Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*", cluster);
        }

        if (request.Other is { Count: > 0 } other)
        {
            throw EksErrors.InvalidParameter($"Lotse does not support {other.Keys.First()} on node groups.", cluster, name);
        }

        if (request.AmiType is { } ami && !AmiTypes.Contains(ami))
        {
            throw EksErrors.ConstraintViolation("amiType", ami, $"Member must satisfy enum value set: [{string.Join(", ", AmiTypes)}]", cluster);
        }

        if (request.CapacityType is { } capacity && !CapacityTypes.Contains(capacity))
        {
            throw EksErrors.ConstraintViolation("capacityType", capacity, "Member must satisfy enum value set: [ON_DEMAND, SPOT, CAPACITY_BLOCK]", cluster);
        }

        if (request.Subnets is not { Count: > 0 } subnets)
        {
            throw EksErrors.InvalidParameter("Subnets are required.", cluster, name);
        }

        CreateClusterValidator.ValidateSubnetIds(subnets, cluster);
        ValidateLaunchTemplate(request, cluster, name);
        foreach (var type in request.InstanceTypes ?? [])
        {
            if (!InstanceTypePattern().IsMatch(type))
            {
                throw EksErrors.InvalidParameter($"Instance type {type} is not supported.", cluster, name);
            }
        }

        if (request.InstanceTypes is { Count: > 20 })
        {
            throw EksErrors.InvalidParameter("A node group can have at most 20 instance types.", cluster, name);
        }

        if (request.DiskSize is { } disk && disk is < 1 or > 16384)
        {
            throw EksErrors.InvalidParameter($"diskSize {disk} is not valid: it must be between 1 and 16384 GiB.", cluster, name);
        }

        NodegroupRules.ValidateScaling(ScalingOrDefault(request.ScalingConfig), cluster, name);
        NodegroupRules.ValidateUpdateConfig(request.UpdateConfig, ScalingOrDefault(request.ScalingConfig).MaxSize!.Value, cluster, name);
        NodegroupRules.ValidateLabels(request.Labels, cluster, name);
        NodegroupRules.ValidateTaints(request.Taints, cluster, name);
        CreateClusterValidator.ValidateTags(request.Tags, cluster);
    }

    /// <summary>EKS's defaults for members left out: min 1, max 2, desired 2.</summary>
    public static NodegroupScalingConfig ScalingOrDefault(NodegroupScalingConfig? scaling) => new()
    {
        MinSize = scaling?.MinSize ?? 1,
        MaxSize = scaling?.MaxSize ?? 2,
        DesiredSize = scaling?.DesiredSize ?? 2,
    };

    private static void ValidateLaunchTemplate(CreateNodegroupRequest request, string cluster, string name)
    {
        if (request.LaunchTemplate is not { } template)
        {
            return;
        }

        if ((template.Id is null) == (template.Name is null))
        {
            throw EksErrors.InvalidParameter("Either launch template ID or launch template name must be specified, but not both.", cluster, name);
        }

        // The launch template carries these itself (moto's messages, taken from real EKS answers).
        if (request.DiskSize is not null)
        {
            throw EksErrors.InvalidParameter("Disk size must be specified within the launch template.", cluster, name);
        }

        if (request.RemoteAccess is not null)
        {
            throw EksErrors.InvalidParameter("Remote access configuration cannot be specified with a launch template.", cluster, name);
        }
    }
}
