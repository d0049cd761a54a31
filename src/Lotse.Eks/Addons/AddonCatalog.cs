using Lotse.Eks.Clusters;

namespace Lotse.Eks.Addons;

/// <summary>
/// The add-ons Lotse offers, with the versions EKS shipped for the Kubernetes minors Lotse supports. Versions are listed
/// newest first; for each Kubernetes minor the default is the second-newest compatible build (EKS keeps its newest build
/// opt-in for a while), or the only one.
/// </summary>
public static class AddonCatalog
{
    private static readonly string[] AllVersions = [.. EksVersions.Supported];

    public static readonly IReadOnlyList<CatalogAddon> Addons =
    [
        new("vpc-cni", "networking", AddonSchemas.VpcCni, false,
            new AddonPodIdentityConfiguration("aws-node", ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]),
        [
            new("v1.19.6-eksbuild.1", AllVersions),
            new("v1.19.5-eksbuild.3", AllVersions),
            new("v1.19.2-eksbuild.1", ["1.28", "1.29", "1.30", "1.31", "1.32"]),
            new("v1.18.6-eksbuild.1", ["1.28", "1.29", "1.30", "1.31"]),
        ]),
        new("coredns", "networking", AddonSchemas.CoreDns, false, null,
        [
            new("v1.12.1-eksbuild.2", ["1.33"]),
            new("v1.11.4-eksbuild.14", ["1.31", "1.32", "1.33"]),
            new("v1.11.4-eksbuild.2", ["1.29", "1.30", "1.31", "1.32"]),
            new("v1.11.3-eksbuild.1", ["1.29", "1.30", "1.31"]),
            new("v1.10.1-eksbuild.18", ["1.28", "1.29"]),
        ]),
        new("kube-proxy", "networking", AddonSchemas.KubeProxy, false, null,
        [
            new("v1.33.0-eksbuild.2", ["1.33"]),
            new("v1.32.3-eksbuild.7", ["1.32"]),
            new("v1.32.0-eksbuild.2", ["1.32"]),
            new("v1.31.3-eksbuild.2", ["1.31"]),
            new("v1.30.6-eksbuild.3", ["1.30"]),
            new("v1.29.10-eksbuild.3", ["1.29"]),
            new("v1.28.15-eksbuild.4", ["1.28"]),
        ]),
        new("eks-pod-identity-agent", "security", AddonSchemas.PodIdentityAgent, false, null,
        [
            new("v1.3.7-eksbuild.2", AllVersions),
            new("v1.3.5-eksbuild.2", AllVersions),
            new("v1.3.4-eksbuild.1", AllVersions),
        ]),
        new("aws-ebs-csi-driver", "storage", AddonSchemas.EbsCsiDriver, true,
            new AddonPodIdentityConfiguration("ebs-csi-controller-sa", ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]),
        [
            new("v1.45.0-eksbuild.2", AllVersions),
            new("v1.44.0-eksbuild.1", AllVersions),
            new("v1.38.1-eksbuild.2", AllVersions),
        ]),
    ];

    public static CatalogAddon? Find(string? name) => Addons.FirstOrDefault(a => a.Name == name);

    /// <summary>The default build of <paramref name="addon"/> for a Kubernetes minor, or null when none is compatible.</summary>
    public static string? DefaultVersion(CatalogAddon addon, string kubernetesVersion)
    {
        var compatible = addon.Versions.Where(v => v.ClusterVersions.Contains(kubernetesVersion)).ToList();
        return compatible.Count switch
        {
            0 => null,
            1 => compatible[0].Version,
            _ => compatible[1].Version,
        };
    }

    /// <summary>
    /// Orders builds: <c>v1.19.2-eksbuild.1</c> &lt; <c>v1.19.10-eksbuild.1</c> &lt; <c>v1.19.10-eksbuild.2</c> (numbers compare as numbers).
    /// </summary>
    public static int Compare(string left, string right)
    {
        var (a, b) = (Numbers(left), Numbers(right));
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static List<long> Numbers(string version) =>
        string.Concat(version.Select(c => char.IsAsciiDigit(c) ? c : ' ')).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => long.TryParse(p, out var n) ? n : long.MaxValue).ToList();
}

/// <summary>One add-on of the catalog: its versions (newest first) and the configuration schema every version shares.</summary>
public sealed record CatalogAddon(
    string Name,
    string Type,
    string ConfigurationSchema,
    bool RequiresIamPermissions,
    AddonPodIdentityConfiguration? PodIdentity,
    IReadOnlyList<CatalogAddonVersion> Versions)
{
    public CatalogAddonVersion? Version(string? version) => Versions.FirstOrDefault(v => v.Version == version);
}

/// <summary>One build of an add-on and the Kubernetes minors it runs on.</summary>
public sealed record CatalogAddonVersion(string Version, IReadOnlyList<string> ClusterVersions);
