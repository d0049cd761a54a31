namespace Lotse.Kube;

/// <summary>
/// What the Kubernetes front door knows about one hosted cluster. The cluster is served under
/// <c>/clusters/{Id}/</c>; its objects live in the store under <see cref="StoragePrefix"/>.
/// </summary>
/// <param name="Id">Opaque id (32 upper-case hex, like an EKS endpoint hash); a re-created cluster of the same name gets a new id.</param>
/// <param name="Name">The EKS cluster name (also the value a token's signed <c>x-k8s-aws-id</c> header must carry).</param>
/// <param name="ServiceIpv4Cidr">The service CIDR, e.g. <c>10.100.0.0/16</c>; the <c>kubernetes</c> service takes its first address.</param>
/// <param name="KubernetesVersion">Minor version string, e.g. <c>1.32</c>.</param>
public sealed record KubeCluster(string Id, string Name, string ServiceIpv4Cidr, string KubernetesVersion)
{
    public string StoragePrefix => $"/clusters/{Id}/";

    /// <summary>Who may reach the cluster through the public listener (EKS's endpoint access settings).</summary>
    public KubeEndpointAccess Access { get; init; } = KubeEndpointAccess.Open;
}

/// <summary>Finds the clusters the Kubernetes front door serves (only clusters that are ready to serve).</summary>
public interface IKubeClusterDirectory
{
    KubeCluster? Find(string clusterId);
}

/// <summary>An authenticated Kubernetes user, as a TokenReview would describe it.</summary>
public sealed record KubeUser(string Name, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public static readonly KubeUser Anonymous = new("system:anonymous", "", ["system:unauthenticated"], new Dictionary<string, IReadOnlyList<string>>());

    public bool IsAnonymous => Name == Anonymous.Name;

    /// <summary>
    /// True when this user was asserted by <c>Impersonate-*</c> headers rather than proven by a credential. Authorizers
    /// that trust a credential's attributes (EKS access policies) ignore such users, as EKS does.
    /// </summary>
    public bool Impersonated { get; init; }
}

/// <summary>The outcome of authenticating a bearer token: a user, or a reason (for the audit and authenticator logs, never shown to the client).</summary>
public readonly record struct KubeAuthenticationResult(KubeUser? User, string? FailureReason)
{
    public static KubeAuthenticationResult Success(KubeUser user) => new(user, null);

    public static KubeAuthenticationResult Failure(string reason) => new(null, reason);
}

/// <summary>Authenticates bearer tokens for one cluster (EKS IAM tokens; later ServiceAccount JWTs).</summary>
public interface IKubeTokenAuthenticator
{
    /// <summary>Returns a user, a failure, or <c>default</c> when this authenticator does not recognise the token at all.</summary>
    ValueTask<KubeAuthenticationResult> AuthenticateAsync(KubeCluster cluster, string token, CancellationToken cancellationToken);
}
