using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lotse.Eks.Clusters;

/// <summary>
/// Server-side checks of CreateCluster that botocore does not make (it checks only required members,
/// types and minimums; EKS checks patterns, maximums, enums and values), with EKS's error codes and wording.
/// </summary>
public static partial class CreateClusterValidator
{
    public static readonly IReadOnlyList<string> LogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    private static readonly string[] AuthenticationModes = ["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"];

    [GeneratedRegex("^[0-9A-Za-z][A-Za-z0-9\\-_]*$")]
    private static partial Regex ClusterNamePattern();

    [GeneratedRegex("^subnet-[0-9a-f]{1,17}$")]
    private static partial Regex SubnetIdPattern();

    [GeneratedRegex("^sg-[0-9a-f]{1,17}$")]
    private static partial Regex SecurityGroupIdPattern();

    [GeneratedRegex("^arn:aws:iam::(?<account>[0-9]{12}):role/(?<path>(?:[\\w+=,.@-]+/)*)(?<name>[\\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();

    public static void ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw EksErrors.InvalidParameter("Cluster name is required.");
        }

        if (name.Length > 100)
        {
            throw EksErrors.ConstraintViolation("name", name, "Member must have length less than or equal to 100", name);
        }

        if (!ClusterNamePattern().IsMatch(name))
        {
            throw EksErrors.ConstraintViolation("name", name, "Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*", name);
        }
    }

    /// <summary>Checks everything that needs no other service; returns the parsed role ARN parts.</summary>
    public static (string AccountId, string RoleName) Validate(CreateClusterRequest request)
    {
        ValidateName(request.Name);
        var name = request.Name!;

        if (request.Other is { Count: > 0 } other)
        {
            throw EksErrors.InvalidParameter($"Unknown parameter in the request body: {other.Keys.First()}", name);
        }

        if (request.Version is { } version && !EksVersions.IsSupported(version))
        {
            throw EksErrors.InvalidParameter("unsupported Kubernetes version", name);
        }

        var role = ParseRoleArn(request.RoleArn, name);
        ValidateVpc(request.ResourcesVpcConfig, name);
        ValidateNetwork(request.KubernetesNetworkConfig, name);
        ValidateLogging(request.Logging, name);
        ValidateTags(request.Tags, name);
        ValidateAccess(request.AccessConfig, name);

        if (request.UpgradePolicy?.SupportType is { } support && support is not ("STANDARD" or "EXTENDED"))
        {
            throw EksErrors.ConstraintViolation("upgradePolicy.supportType", support, "Member must satisfy enum value set: [STANDARD, EXTENDED]", name);
        }

        return role;
    }

    /// <summary>The account and role name of a well-formed IAM role ARN, else null.</summary>
    public static (string AccountId, string RoleName)? ParseRoleArnOrNull(string? roleArn)
    {
        var match = RoleArnPattern().Match(roleArn ?? "");
        return match.Success ? (match.Groups["account"].Value, match.Groups["name"].Value) : null;
    }

    public static (string AccountId, string RoleName) ParseRoleArn(string? roleArn, string clusterName)
    {
        if (string.IsNullOrEmpty(roleArn))
        {
            throw EksErrors.InvalidParameter("roleArn is required.", clusterName);
        }

        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success)
        {
            throw EksErrors.InvalidParameter("Error in role params", clusterName);
        }

        return (match.Groups["account"].Value, match.Groups["name"].Value);
    }

    private static void ValidateVpc(VpcConfig? vpc, string name)
    {
        if (vpc is null)
        {
            throw EksErrors.InvalidParameter("resourcesVpcConfig is required.", name);
        }

        ValidateSubnets(vpc.SubnetIds, name);
        ValidateSecurityGroups(vpc.SecurityGroupIds, name);
        if (vpc is { EndpointPublicAccess: false, EndpointPrivateAccess: false or null })
        {
            throw EksErrors.InvalidParameter("Cluster must have either public or private access enabled.", name);
        }

        ValidatePublicAccessCidrs(vpc.PublicAccessCidrs, name);
    }

    internal static void ValidateSubnets(List<string> subnetIds, string name)
    {
        if (subnetIds.Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw EksErrors.InvalidParameter("Subnets specified must be in at least two different AZs", name);
        }

        ValidateSubnetIds(subnetIds, name);
    }

    internal static void ValidateSubnetIds(List<string> subnetIds, string name)
    {
        foreach (var subnet in subnetIds.Where(s => !SubnetIdPattern().IsMatch(s)))
        {
            throw EksErrors.InvalidParameter($"The subnet ID '{subnet}' does not exist", name);
        }
    }

    internal static void ValidateSecurityGroups(List<string> securityGroupIds, string name)
    {
        if (securityGroupIds.Count > 5)
        {
            throw EksErrors.InvalidParameter("The maximum number of security groups is 5.", name);
        }

        foreach (var group in securityGroupIds.Where(g => !SecurityGroupIdPattern().IsMatch(g)))
        {
            throw EksErrors.InvalidParameter($"The security group '{group}' does not exist", name);
        }
    }

    internal static void ValidatePublicAccessCidrs(List<string>? cidrs, string name)
    {
        foreach (var cidr in cidrs ?? [])
        {
            if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                throw EksErrors.InvalidParameter($"The following CIDRs are invalid in publicAccessCidrs: [{cidr}]", name);
            }
        }
    }

    private static void ValidateNetwork(KubernetesNetworkConfig? network, string name)
    {
        if (network?.IpFamily is { } family && family is not ("ipv4" or "ipv6"))
        {
            throw EksErrors.ConstraintViolation("kubernetesNetworkConfig.ipFamily", family, "Member must satisfy enum value set: [ipv4, ipv6]", name);
        }

        if (network?.ServiceIpv4Cidr is { } cidr && !ServiceCidr.IsValid(cidr))
        {
            throw EksErrors.InvalidParameter(
                $"The specified serviceIpv4Cidr {cidr} is invalid. It must be a /12 to /24 block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.", name);
        }
    }

    internal static void ValidateLogging(Logging? logging, string name)
    {
        foreach (var type in logging?.ClusterLogging.SelectMany(l => l.Types ?? []) ?? [])
        {
            if (!LogTypes.Contains(type))
            {
                throw EksErrors.InvalidParameter($"The type {type} is not supported. Supported types are [{string.Join(", ", LogTypes)}]", name);
            }
        }
    }

    internal static void ValidateTags(Dictionary<string, string>? tags, string name)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > 50)
        {
            throw EksErrors.InvalidParameter("The number of tags must not exceed 50.", name);
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128)
            {
                throw EksErrors.ConstraintViolation("tags", key, "Map keys must have length between 1 and 128", name);
            }

            if (value.Length > 256)
            {
                throw EksErrors.ConstraintViolation("tags", value, "Map values must have length less than or equal to 256", name);
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw EksErrors.InvalidParameter("Tag keys starting with 'aws:' are reserved for system use.", name);
            }
        }
    }

    private static void ValidateAccess(AccessConfig? access, string name)
    {
        if (access?.AuthenticationMode is { } mode && !AuthenticationModes.Contains(mode))
        {
            throw EksErrors.ConstraintViolation("accessConfig.authenticationMode", mode, "Member must satisfy enum value set: [API, API_AND_CONFIG_MAP, CONFIG_MAP]", name);
        }

        if (access is { BootstrapClusterCreatorAdminPermissions: false } && (access.AuthenticationMode ?? "CONFIG_MAP") == "CONFIG_MAP")
        {
            throw EksErrors.InvalidParameter("bootstrapClusterCreatorAdminPermissions must be true if cluster authentication mode is set to CONFIG_MAP", name);
        }
    }

    /// <summary>Whether an IAM trust policy lets <c>eks.amazonaws.com</c> assume the role.</summary>
    public static bool TrustsEks(string policyDocument) => TrustsService(policyDocument, "eks.amazonaws.com");

    /// <summary>Whether an IAM trust policy lets the AWS service principal <paramref name="service"/> assume the role.</summary>
    public static bool TrustsService(string policyDocument, string service)
    {
        try
        {
            using var doc = JsonDocument.Parse(policyDocument);
            if (!doc.RootElement.TryGetProperty("Statement", out var statements))
            {
                return false;
            }

            foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToArray() : [statements])
            {
                var allows = statement.TryGetProperty("Effect", out var effect) && effect.GetString() == "Allow";
                var trusted = statement.TryGetProperty("Principal", out var principal) && principal.ValueKind == JsonValueKind.Object
                    && principal.TryGetProperty("Service", out var services) && AnyString(services, s => s == service);
                var assume = statement.TryGetProperty("Action", out var action) && AnyString(action, a => a is "sts:AssumeRole" or "sts:*" or "*");
                if (allows && trusted && assume)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static bool AnyString(JsonElement element, Func<string, bool> predicate) => element.ValueKind switch
    {
        JsonValueKind.String => predicate(element.GetString()!),
        JsonValueKind.Array => element.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && predicate(e.GetString()!)),
        _ => false,
    };
}
