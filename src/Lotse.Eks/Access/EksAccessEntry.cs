using Lotse.Eks.Clusters;

namespace Lotse.Eks.Access;

/// <summary>The EKS <c>AccessEntry</c> shape as DescribeAccessEntry returns it.</summary>
public sealed class EksAccessEntry
{
    public required string ClusterName { get; init; }

    public required string PrincipalArn { get; init; }

    public required List<string> KubernetesGroups { get; set; }

    public required string AccessEntryArn { get; init; }

    public required double CreatedAt { get; init; }

    public required double ModifiedAt { get; set; }

    public required Dictionary<string, string> Tags { get; init; }

    public required string Username { get; set; }

    public required string Type { get; init; }
}

/// <summary>
/// What Lotse stores for one access entry: the API shape, the IAM unique id of the principal (EKS keeps it too, so an entry
/// does not map a deleted and re-created principal of the same ARN), the idempotency token and the associated policies.
/// </summary>
public sealed class EksAccessEntryRecord
{
    public required EksAccessEntry Entry { get; init; }

    /// <summary>AIDA… / AROA… (the account id for the root user); null for entries created before ids were recorded.</summary>
    public string? PrincipalId { get; init; }

    public string? ClientRequestToken { get; init; }

    public List<AssociatedAccessPolicy> AccessPolicies { get; set; } = [];
}

/// <summary>The <c>AssociatedAccessPolicy</c> shape.</summary>
public sealed class AssociatedAccessPolicy
{
    public required string PolicyArn { get; init; }

    public required AccessScope AccessScope { get; set; }

    public required double AssociatedAt { get; init; }

    public required double ModifiedAt { get; set; }
}

/// <summary>The <c>AccessScope</c> shape: <c>cluster</c>, or <c>namespace</c> with the namespaces (wildcards like <c>dev-*</c> allowed).</summary>
public sealed class AccessScope
{
    public string? Type { get; set; }

    public List<string>? Namespaces { get; set; }
}

/// <summary>The access entry types and the authentication modes, as the API spells them.</summary>
public static class AccessEntryTypes
{
    public const string Standard = "STANDARD";
    public const string Ec2Linux = "EC2_LINUX";
    public const string Ec2Windows = "EC2_WINDOWS";
    public const string Ec2 = "EC2";
    public const string FargateLinux = "FARGATE_LINUX";
    public const string HybridLinux = "HYBRID_LINUX";
    public const string HyperpodLinux = "HYPERPOD_LINUX";

    public static readonly string[] All = [Standard, FargateLinux, Ec2Linux, Ec2Windows, Ec2, HybridLinux, HyperpodLinux];

    public const string ConfigMapMode = "CONFIG_MAP";
    public const string ApiMode = "API";
    public const string ApiAndConfigMapMode = "API_AND_CONFIG_MAP";

    /// <summary>The cluster's mode; records written before the field existed are CONFIG_MAP, the API's default.</summary>
    public static string ModeOf(EksCluster cluster) => cluster.AccessConfig.AuthenticationMode ?? ConfigMapMode;

    public static bool UsesAccessEntries(string mode) => mode is ApiMode or ApiAndConfigMapMode;

    public static bool UsesConfigMap(string mode) => mode is ConfigMapMode or ApiAndConfigMapMode;
}
