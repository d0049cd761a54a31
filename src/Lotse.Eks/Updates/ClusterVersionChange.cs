using System.Globalization;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Updates;

/// <summary>UpdateClusterVersion's rule: one minor version up at a time, to a version Lotse serves.</summary>
public static class ClusterVersionChange
{
    public static ClusterChange Plan(string? version, EksCluster cluster)
    {
        if (Minor(version) is not { } target || Minor(cluster.Version) is not { } current)
        {
            throw EksErrors.InvalidParameter("unsupported Kubernetes version", cluster.Name);
        }

        // Same version, downgrades and skips all get this wording from EKS.
        if (target != current + 1)
        {
            throw EksErrors.InvalidParameter($"Unsupported Kubernetes minor version update from {cluster.Version} to {version}", cluster.Name);
        }

        if (!EksVersions.IsSupported(version!))
        {
            throw EksErrors.InvalidParameter("unsupported Kubernetes version", cluster.Name);
        }

        var platform = EksVersions.PlatformVersion(version!);
        return new ClusterChange(UpdateType.Version, [new("Version", version!), new("PlatformVersion", platform)], c =>
        {
            c.Version = version!;
            c.PlatformVersion = platform;
        });
    }

    /// <summary>The minor of a <c>1.N</c> version; null for anything else (patch versions such as <c>1.32.1</c> included).</summary>
    internal static int? Minor(string? version) =>
        version is ['1', '.', .. var minor] && minor.Length is > 0 and <= 3 && minor.All(char.IsAsciiDigit) && (minor.Length == 1 || minor[0] != '0')
            ? int.Parse(minor, CultureInfo.InvariantCulture)
            : null;
}
