namespace Lotse.Aws.Tokens;

/// <summary>The outcome of verifying an EKS token: an identity, or the reason it was refused (safe to log: no secrets).</summary>
public sealed record EksTokenResult(EksIdentity? Identity, string? Error)
{
    public bool IsValid => Identity is not null;

    /// <summary>When a valid token stops being valid: 15 minutes after its <c>X-Amz-Date</c>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public static EksTokenResult Success(EksIdentity identity) => new(identity, null);

    public static EksTokenResult Failure(string error) => new(null, error);
}
