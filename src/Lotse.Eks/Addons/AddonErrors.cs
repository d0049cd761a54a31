using Lotse.Aws;

namespace Lotse.Eks.Addons;

/// <summary>The EKS errors of the add-on operations: the same shapes as <see cref="EksErrors"/>, with <c>addonName</c> filled in.</summary>
internal static class AddonErrors
{
    public static AwsServiceException InvalidParameter(string message, string clusterName, string? addonName) =>
        new(400, "InvalidParameterException", message, Members(clusterName, addonName));

    public static AwsServiceException InvalidRequest(string message, string clusterName, string? addonName) =>
        new(400, "InvalidRequestException", message, Members(clusterName, addonName));

    public static AwsServiceException ResourceInUse(string message, string clusterName, string? addonName) =>
        new(409, "ResourceInUseException", message, Members(clusterName, addonName));

    public static AwsServiceException NotFound(string clusterName, string addonName) =>
        new(404, "ResourceNotFoundException", $"No addon: {addonName} found in cluster: {clusterName}", Members(clusterName, addonName));

    public static AwsServiceException VersionNotSupported(string clusterName, string addonName) =>
        InvalidParameter("Addon version specified is not supported", clusterName, addonName);

    private static Dictionary<string, object?> Members(string clusterName, string? addonName) => new()
    {
        ["clusterName"] = clusterName,
        ["nodegroupName"] = null,
        ["addonName"] = addonName,
    };
}
