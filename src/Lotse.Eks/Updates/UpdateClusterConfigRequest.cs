using System.Text.Json;
using System.Text.Json.Serialization;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Updates;

/// <summary>The UpdateClusterConfig body (the cluster name comes from the URI).</summary>
public sealed class UpdateClusterConfigRequest
{
    public VpcConfig? ResourcesVpcConfig { get; init; }

    public Logging? Logging { get; init; }

    public string? ClientRequestToken { get; init; }

    public AccessConfigUpdate? AccessConfig { get; init; }

    public UpgradePolicy? UpgradePolicy { get; init; }

    public ZonalShiftConfig? ZonalShiftConfig { get; init; }

    public bool? DeletionProtection { get; init; }

    /// <summary>Members Lotse does not model (Auto Mode, hybrid networks, scaling tiers…) or misspelt ones: refused, never ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary><c>UpdateAccessConfigRequest</c>: only the authentication mode can change after creation.</summary>
public sealed class AccessConfigUpdate
{
    public string? AuthenticationMode { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>The UpdateClusterVersion body.</summary>
public sealed class UpdateClusterVersionRequest
{
    public string? Version { get; init; }

    public string? ClientRequestToken { get; init; }

    public bool? Force { get; init; }
}
