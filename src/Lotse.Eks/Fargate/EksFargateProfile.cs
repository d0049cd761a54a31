using System.Text.Json;
using System.Text.Json.Serialization;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Fargate;

/// <summary>The EKS <c>FargateProfile</c> shape. Profiles are immutable: only their tags ever change.</summary>
public sealed class EksFargateProfile
{
    public required string FargateProfileName { get; init; }

    public required string FargateProfileArn { get; init; }

    public required string ClusterName { get; init; }

    public required double CreatedAt { get; init; }

    public required string PodExecutionRoleArn { get; init; }

    public required List<string> Subnets { get; init; }

    public required List<FargateProfileSelector> Selectors { get; init; }

    public required string Status { get; set; }

    public required Dictionary<string, string> Tags { get; init; }

    public required ClusterHealth Health { get; init; }

    /// <summary>The idempotency token of the CreateFargateProfile that made this profile, so a retry returns it instead of failing.</summary>
    public string? ClientRequestToken { get; init; }
}

public sealed class FargateProfileSelector
{
    public string? Namespace { get; init; }

    public Dictionary<string, string>? Labels { get; init; }
}

/// <summary>The CreateFargateProfile body (the cluster name comes from the URI).</summary>
public sealed class CreateFargateProfileRequest
{
    public string? FargateProfileName { get; init; }

    public string? PodExecutionRoleArn { get; init; }

    public List<string>? Subnets { get; init; }

    public List<FargateProfileSelector>? Selectors { get; init; }

    public string? ClientRequestToken { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>The model's <c>FargateProfileStatus</c> values Lotse uses.</summary>
public static class FargateProfileStatus
{
    public const string Creating = "CREATING";
    public const string Active = "ACTIVE";
    public const string Deleting = "DELETING";
}
