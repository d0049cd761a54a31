namespace Lotse.Eks.Clusters;

/// <summary>
/// The Kubernetes versions Lotse's clusters can run. The span follows the kubectl binaries the
/// tooling on Lotse's machines carries (1.28–1.33); each cluster's <c>/version</c> reports its own minor,
/// so kubectl's version dispatcher picks the matching client.
/// </summary>
public static class EksVersions
{
    public const string Default = "1.32";

    public static readonly IReadOnlyList<string> Supported = ["1.28", "1.29", "1.30", "1.31", "1.32", "1.33"];

    /// <summary>EKS platform version of a new cluster per Kubernetes minor (EKS numbers them per minor, starting at eks.1).</summary>
    public static string PlatformVersion(string version) => version switch
    {
        "1.28" => "eks.47",
        "1.29" => "eks.40",
        "1.30" => "eks.36",
        "1.31" => "eks.32",
        "1.32" => "eks.20",
        _ => "eks.12",
    };

    public static bool IsSupported(string version) => Supported.Contains(version);
}
