using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Eks.Clusters;
using Lotse.Eks.Tags;
using Lotse.Kube.Serialization;

namespace Lotse.Eks.Addons;

/// <summary>The checks CreateAddon and UpdateAddon share: version, role ARNs, conflict mode, configuration values.</summary>
internal static class AddonRules
{
    private static readonly string[] ConflictModes = ["OVERWRITE", "NONE", "PRESERVE"];

    /// <summary>The catalog entry of <paramref name="name"/>, or EKS's answer for an add-on it does not offer.</summary>
    public static CatalogAddon Addon(string? name, string clusterName) =>
        string.IsNullOrEmpty(name)
            ? throw EksErrors.InvalidParameter("addonName is required.", clusterName)
            : AddonCatalog.Find(name) ?? throw AddonErrors.InvalidParameter("Addon specified is not supported", clusterName, name);

    /// <summary>The requested build (or the default for the cluster's minor); it must run on <paramref name="kubernetesVersion"/>.</summary>
    public static string Version(CatalogAddon addon, string? requested, string kubernetesVersion, string clusterName)
    {
        if (requested is null)
        {
            return AddonCatalog.DefaultVersion(addon, kubernetesVersion) ?? throw AddonErrors.VersionNotSupported(clusterName, addon.Name);
        }

        return addon.Version(requested) is { } known && known.ClusterVersions.Contains(kubernetesVersion)
            ? requested
            : throw AddonErrors.VersionNotSupported(clusterName, addon.Name);
    }

    public static void Common(string? roleArn, string? resolveConflicts, List<AddonPodIdentityAssociation>? associations, string clusterName, string addonName)
    {
        if (roleArn is not null && CreateClusterValidator.ParseRoleArnOrNull(roleArn) is null)
        {
            throw AddonErrors.InvalidParameter($"Invalid Role Arn: '{roleArn}'", clusterName, addonName);
        }

        if (resolveConflicts is not null && !ConflictModes.Contains(resolveConflicts))
        {
            throw EksErrors.ConstraintViolation("resolveConflicts", resolveConflicts, "Member must satisfy enum value set: [OVERWRITE, NONE, PRESERVE]", clusterName);
        }

        foreach (var association in associations ?? [])
        {
            if (string.IsNullOrEmpty(association.ServiceAccount) || CreateClusterValidator.ParseRoleArnOrNull(association.RoleArn) is null)
            {
                throw AddonErrors.InvalidParameter(
                    $"Invalid pod identity association: serviceAccount must be set and roleArn must be an IAM role ARN, not '{association.RoleArn}'.", clusterName, addonName);
            }
        }

        if (associations is not null && roleArn is not null && associations.Count > 0)
        {
            throw AddonErrors.InvalidParameter("serviceAccountRoleArn and podIdentityAssociations cannot both be set.", clusterName, addonName);
        }
    }

    public static void Tags(Dictionary<string, string>? tags, string clusterName)
    {
        if (tags is not null && TagRules.Problem(tags) is { } problem)
        {
            throw EksErrors.InvalidParameter(problem, clusterName);
        }
    }

    /// <summary>
    /// <c>configurationValues</c> must be JSON or YAML that the add-on's schema accepts; an empty string means "no values".
    /// </summary>
    public static void ConfigurationValues(string? values, CatalogAddon addon, string clusterName)
    {
        if (string.IsNullOrWhiteSpace(values))
        {
            return;
        }

        var node = Parse(values) ?? throw AddonErrors.InvalidParameter(
            "ConfigurationValue provided in request is not supported: Json schema validation failed with error: configurationValues must be valid JSON or YAML",
            clusterName,
            addon.Name);
        var problems = AddonConfigurationSchema.Validate(node, addon.ConfigurationSchema);
        if (problems.Count > 0)
        {
            throw AddonErrors.InvalidParameter(
                $"ConfigurationValue provided in request is not supported: Json schema validation failed with error: [{string.Join(", ", problems)}]", clusterName, addon.Name);
        }
    }

    private static JsonNode? Parse(string values)
    {
        try
        {
            return JsonNode.Parse(values);
        }
        catch (JsonException)
        {
        }

        try
        {
            return YamlToJson.Convert(values);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
    }
}
