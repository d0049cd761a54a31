using Lotse.Kube.Errors;

namespace Lotse.Kube.Validation;

/// <summary>
/// Resource names of <c>ResourceList</c>s (upstream <c>pkg/apis/core/helper</c> and the resource-name validators of
/// <c>pkg/apis/core/validation</c>): which names are standard for containers, limit ranges and quotas, and which count objects.
/// </summary>
public static class ResourceNames
{
    private static readonly HashSet<string> Standard =
    [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu",
        "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
        "persistentvolumeclaims", "configmaps", "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
    ];

    private static readonly HashSet<string> StandardQuota =
    [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services", "replicationcontrollers",
        "secrets", "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers",
    ];

    private static readonly HashSet<string> CountedObjects =
    [
        "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims",
        "services.nodeports", "services.loadbalancers",
    ];

    private static readonly string[] StandardContainer = ["cpu", "memory", "ephemeral-storage"];

    /// <summary>Resources counted in whole objects (quota counts), whose quantities must be integers.</summary>
    public static bool IsInteger(string name) => CountedObjects.Contains(name) || name.StartsWith("count/", StringComparison.Ordinal);

    /// <summary>validateResourceName: a qualified name, and a standard resource unless it is fully qualified (has a '/').</summary>
    public static bool Validate(string name, string path, List<FieldError> errors)
    {
        var count = errors.Count;
        foreach (var msg in NameRules.IsQualifiedName(name))
        {
            errors.Add(FieldError.Invalid(path, name, msg));
        }

        if (errors.Count == count && !name.Contains('/', StringComparison.Ordinal) && !Standard.Contains(name) && !IsHugePages(name))
        {
            errors.Add(FieldError.Invalid(path, name, "must be a standard resource type or fully qualified"));
        }

        return errors.Count == count;
    }

    /// <summary>validateContainerResourceName: cpu, memory, ephemeral-storage, hugepages or a qualified extended resource.</summary>
    public static void ValidateForContainer(string name, string path, List<FieldError> errors)
    {
        if (Validate(name, path, errors) && !name.Contains('/', StringComparison.Ordinal)
            && !StandardContainer.Contains(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid(path, name, "must be a standard resource for containers"));
        }
    }

    /// <summary>ValidateResourceQuotaResourceName: a standard quota resource unless fully qualified.</summary>
    public static void ValidateForQuota(string name, string path, List<FieldError> errors)
    {
        if (Validate(name, path, errors) && !name.Contains('/', StringComparison.Ordinal) && !StandardQuota.Contains(name) && !IsHugePages(name))
        {
            errors.Add(FieldError.Invalid(path, name, "must be a standard resource for quota"));
        }
    }

    private static bool IsHugePages(string name) =>
        name.StartsWith("hugepages-", StringComparison.Ordinal) || name.StartsWith("requests.hugepages-", StringComparison.Ordinal)
        || name.StartsWith("limits.hugepages-", StringComparison.Ordinal);
}
