using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lotse.Eks.Addons;

/// <summary>The EKS <c>Addon</c> shape. <c>marketplaceInformation</c> stays absent: every catalog add-on is AWS's own.</summary>
public sealed class EksAddon
{
    public required string AddonName { get; init; }

    public required string ClusterName { get; init; }

    public required string Status { get; set; }

    public required string AddonVersion { get; set; }

    public required AddonHealth Health { get; init; }

    public required string AddonArn { get; init; }

    public required double CreatedAt { get; init; }

    public required double ModifiedAt { get; set; }

    public string? ServiceAccountRoleArn { get; set; }

    public required Dictionary<string, string> Tags { get; init; }

    public string? Publisher { get; init; } = "eks";

    public string? Owner { get; init; } = "aws";

    public string? ConfigurationValues { get; set; }

    /// <summary>The ARNs of the pod identity associations the add-on owns (the model's <c>StringList</c>).</summary>
    public List<string> PodIdentityAssociations { get; set; } = [];
}

/// <summary>The model's <c>AddonHealth</c>: Lotse's add-ons have no failing pods, so <c>issues</c> is always empty.</summary>
public sealed class AddonHealth
{
    public List<object> Issues { get; init; } = [];
}

/// <summary>A stored add-on: the API shape plus what the shape does not show (the requested pod identity associations, the token).</summary>
public sealed class EksAddonRecord
{
    public required EksAddon Addon { get; init; }

    public List<AddonPodIdentityAssociation> Associations { get; set; } = [];

    public string? ClientRequestToken { get; init; }
}

/// <summary>The model's <c>AddonPodIdentityAssociations</c>: a service account of the add-on and the role it assumes.</summary>
public sealed record AddonPodIdentityAssociation(string? ServiceAccount, string? RoleArn);

/// <summary>The model's <c>AddonPodIdentityConfiguration</c> (DescribeAddonConfiguration).</summary>
public sealed record AddonPodIdentityConfiguration(string ServiceAccount, List<string> RecommendedManagedPolicies);

/// <summary>The CreateAddon body (the cluster name comes from the URI).</summary>
public sealed class CreateAddonRequest
{
    public string? AddonName { get; init; }

    public string? AddonVersion { get; init; }

    public string? ServiceAccountRoleArn { get; init; }

    public string? ResolveConflicts { get; init; }

    public string? ClientRequestToken { get; init; }

    public Dictionary<string, string>? Tags { get; init; }

    public string? ConfigurationValues { get; init; }

    public List<AddonPodIdentityAssociation>? PodIdentityAssociations { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>The UpdateAddon body (cluster and add-on names come from the URI); every member is optional.</summary>
public sealed class UpdateAddonRequest
{
    public string? AddonVersion { get; init; }

    public string? ServiceAccountRoleArn { get; init; }

    public string? ResolveConflicts { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? ConfigurationValues { get; init; }

    public List<AddonPodIdentityAssociation>? PodIdentityAssociations { get; init; }
}

/// <summary>The model's <c>AddonStatus</c> values Lotse uses.</summary>
public static class AddonStatus
{
    public const string Creating = "CREATING";
    public const string Active = "ACTIVE";
    public const string Updating = "UPDATING";
    public const string Deleting = "DELETING";
}
