namespace Lotse.Eks.Updates;

/// <summary>The EKS <c>Update</c> shape (DescribeUpdate, UpdateClusterConfig, UpdateClusterVersion, node group updates).</summary>
public sealed class EksUpdate
{
    public required string Id { get; init; }

    public required string Status { get; set; }

    public required string Type { get; init; }

    public required List<UpdateParam> Params { get; init; }

    /// <summary>Epoch seconds with milliseconds, as EKS emits timestamps.</summary>
    public required double CreatedAt { get; init; }

    public List<UpdateError> Errors { get; init; } = [];
}

/// <summary>One <c>UpdateParam</c>: EKS words every value as a string (lists and structures as JSON text).</summary>
public sealed record UpdateParam(string Type, string Value);

public sealed class UpdateError
{
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public List<string>? ResourceIds { get; init; }
}

/// <summary>The model's <c>UpdateStatus</c> values Lotse reaches (updates apply at once, so none fail or are cancelled).</summary>
public static class UpdateStatus
{
    public const string InProgress = "InProgress";
    public const string Successful = "Successful";
}

/// <summary>The model's <c>UpdateType</c> values Lotse produces.</summary>
public static class UpdateType
{
    public const string Version = "VersionUpdate";
    public const string EndpointAccess = "EndpointAccessUpdate";
    public const string Logging = "LoggingUpdate";
    public const string Config = "ConfigUpdate";
    public const string VpcConfig = "VpcConfigUpdate";
    public const string AccessConfig = "AccessConfigUpdate";
    public const string UpgradePolicy = "UpgradePolicyUpdate";
    public const string ZonalShiftConfig = "ZonalShiftConfigUpdate";
    public const string DeletionProtection = "DeletionProtectionUpdate";
    public const string Addon = "AddonUpdate";
    public const string AssociateIdentityProviderConfig = "AssociateIdentityProviderConfig";
    public const string DisassociateIdentityProviderConfig = "DisassociateIdentityProviderConfig";
    public const string AssociateEncryptionConfig = "AssociateEncryptionConfig";
}
