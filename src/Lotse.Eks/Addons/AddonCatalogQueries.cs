namespace Lotse.Eks.Addons;

/// <summary>
/// DescribeAddonVersions and DescribeAddonConfiguration over <see cref="AddonCatalog"/>. Filters that match nothing
/// (an unknown add-on, an unsupported Kubernetes version) give an empty list, as on EKS, never an error.
/// </summary>
public static class AddonCatalogQueries
{
    public static List<AddonInfo> Versions(string? kubernetesVersion, string? addonName, IReadOnlyCollection<string> types,
        IReadOnlyCollection<string> publishers, IReadOnlyCollection<string> owners)
    {
        var result = new List<AddonInfo>();
        foreach (var addon in AddonCatalog.Addons.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            if ((addonName is not null && addon.Name != addonName) || (types.Count > 0 && !types.Contains(addon.Type))
                || (publishers.Count > 0 && !publishers.Contains("eks")) || (owners.Count > 0 && !owners.Contains("aws")))
            {
                continue;
            }

            var versions = addon.Versions
                .Where(v => kubernetesVersion is null || v.ClusterVersions.Contains(kubernetesVersion))
                .Select(v => new AddonVersionInfo(
                    v.Version,
                    ["amd64", "arm64"],
                    ["ec2", "hybrid"],
                    v.ClusterVersions.Where(k => kubernetesVersion is null || k == kubernetesVersion)
                        .Select(k => new Compatibility(k, ["*"], AddonCatalog.DefaultVersion(addon, k) == v.Version)).ToList(),
                    false,
                    addon.RequiresIamPermissions))
                .ToList();
            if (versions.Count > 0)
            {
                result.Add(new AddonInfo(addon.Name, addon.Type, versions, "eks", "aws", "kube-system"));
            }
        }

        return result;
    }

    public static AddonConfiguration Configuration(string? addonName, string? addonVersion)
    {
        if (string.IsNullOrEmpty(addonName) || string.IsNullOrEmpty(addonVersion))
        {
            throw EksErrors.InvalidParameter("addonName and addonVersion are required.");
        }

        var addon = AddonCatalog.Find(addonName) ?? throw new Aws.AwsServiceException(
            400, "InvalidParameterException", "Addon specified is not supported", new Dictionary<string, object?> { ["addonName"] = addonName });
        if (addon.Version(addonVersion) is null)
        {
            throw new Aws.AwsServiceException(
                400, "InvalidParameterException", "Addon version specified is not supported", new Dictionary<string, object?> { ["addonName"] = addonName });
        }

        return new AddonConfiguration(addon.Name, addonVersion, addon.ConfigurationSchema, addon.PodIdentity is { } pod ? [pod] : null);
    }
}

/// <summary>The model's <c>AddonInfo</c> (without <c>marketplaceInformation</c>: no catalog add-on is from the Marketplace).</summary>
public sealed record AddonInfo(string AddonName, string Type, List<AddonVersionInfo> AddonVersions, string Publisher, string Owner, string DefaultNamespace);

public sealed record AddonVersionInfo(
    string AddonVersion, List<string> Architecture, List<string> ComputeTypes, List<Compatibility> Compatibilities, bool RequiresConfiguration, bool RequiresIamPermissions);

public sealed record Compatibility(string ClusterVersion, List<string> PlatformVersions, bool DefaultVersion);

/// <summary>The DescribeAddonConfiguration response.</summary>
public sealed record AddonConfiguration(string AddonName, string AddonVersion, string ConfigurationSchema, List<AddonPodIdentityConfiguration>? PodIdentityConfiguration);
