using System.Text.Json.Serialization;

namespace Lotse.Eks.Clusters;

/// <summary>The EKS <c>Cluster</c> shape exactly as DescribeCluster returns it (botocore eks 2017-11-01).</summary>
public sealed class EksCluster
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    /// <summary>Epoch seconds with milliseconds, as real EKS emits timestamps.</summary>
    public required double CreatedAt { get; init; }

    public required string Version { get; set; }

    public string? Endpoint { get; set; }

    public required string RoleArn { get; init; }

    public required VpcConfig ResourcesVpcConfig { get; init; }

    public required KubernetesNetworkConfig KubernetesNetworkConfig { get; init; }

    public required Logging Logging { get; set; }

    public required Identity Identity { get; init; }

    public required string Status { get; set; }

    public Certificate? CertificateAuthority { get; set; }

    public string? ClientRequestToken { get; init; }

    public required string PlatformVersion { get; set; }

    public required Dictionary<string, string> Tags { get; init; }

    public List<EncryptionConfig>? EncryptionConfig { get; set; }

    public required ClusterHealth Health { get; init; }

    public required AccessConfig AccessConfig { get; init; }

    public required UpgradePolicy UpgradePolicy { get; set; }

    public ZonalShiftConfig? ZonalShiftConfig { get; set; }

    public required bool DeletionProtection { get; set; }
}

public sealed class VpcConfig
{
    public List<string> SubnetIds { get; init; } = [];

    public List<string> SecurityGroupIds { get; init; } = [];

    public string? ClusterSecurityGroupId { get; set; }

    public string? VpcId { get; set; }

    public bool? EndpointPublicAccess { get; set; }

    public bool? EndpointPrivateAccess { get; set; }

    public List<string>? PublicAccessCidrs { get; set; }
}

public sealed class KubernetesNetworkConfig
{
    public string? ServiceIpv4Cidr { get; set; }

    public string? ServiceIpv6Cidr { get; set; }

    public string? IpFamily { get; set; }

    public ElasticLoadBalancing? ElasticLoadBalancing { get; set; }
}

public sealed class ElasticLoadBalancing
{
    public bool? Enabled { get; set; }
}

public sealed class Logging
{
    public List<LogSetup> ClusterLogging { get; init; } = [];
}

public sealed class LogSetup
{
    public List<string>? Types { get; init; }

    public bool? Enabled { get; init; }
}

public sealed class Identity
{
    public required Oidc Oidc { get; init; }
}

public sealed class Oidc
{
    public required string Issuer { get; init; }
}

public sealed class Certificate
{
    public required string Data { get; init; }
}

public sealed class EncryptionConfig
{
    public List<string>? Resources { get; init; }

    public EncryptionProvider? Provider { get; init; }
}

public sealed class EncryptionProvider
{
    public string? KeyArn { get; init; }
}

public sealed class ClusterHealth
{
    public List<ClusterIssue> Issues { get; init; } = [];
}

public sealed class ClusterIssue
{
    public string? Code { get; init; }

    public string? Message { get; init; }

    public List<string>? ResourceIds { get; init; }
}

public sealed class AccessConfig
{
    public bool? BootstrapClusterCreatorAdminPermissions { get; set; }

    public string? AuthenticationMode { get; set; }
}

public sealed class UpgradePolicy
{
    public string? SupportType { get; set; }
}

public sealed class ZonalShiftConfig
{
    public bool? Enabled { get; set; }
}

/// <summary>The cluster statuses of the model's <c>ClusterStatus</c> enum that Lotse uses.</summary>
public static class ClusterStatus
{
    public const string Creating = "CREATING";
    public const string Active = "ACTIVE";
    public const string Deleting = "DELETING";
    public const string Updating = "UPDATING";

    /// <summary>update-kubeconfig and the Kubernetes endpoint accept only these.</summary>
    public static bool IsServing(string status) => status is Active or Updating;
}

/// <summary>The CreateCluster request body (only members Lotse reads; botocore sends nothing else for a control-plane cluster).</summary>
public sealed class CreateClusterRequest
{
    public string? Name { get; init; }

    public string? Version { get; init; }

    public string? RoleArn { get; init; }

    public VpcConfig? ResourcesVpcConfig { get; init; }

    public KubernetesNetworkConfig? KubernetesNetworkConfig { get; init; }

    public Logging? Logging { get; init; }

    public string? ClientRequestToken { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public List<EncryptionConfig>? EncryptionConfig { get; init; }

    public AccessConfig? AccessConfig { get; init; }

    public bool? BootstrapSelfManagedAddons { get; init; }

    public UpgradePolicy? UpgradePolicy { get; init; }

    public ZonalShiftConfig? ZonalShiftConfig { get; set; }

    public bool? DeletionProtection { get; init; }

    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Other { get; init; }
}
