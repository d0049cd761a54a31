using Lotse.Aws;

namespace Lotse.Eks;

/// <summary>
/// The EKS error shapes with the members real EKS sends beside <c>message</c>
/// (e.g. <c>{"clusterName":"x","nodegroupName":null,…,"message":"…"}</c>), in one place.
/// </summary>
public static class EksErrors
{
    public static AwsServiceException InvalidParameter(string message, string? clusterName = null, string? nodegroupName = null) =>
        new(400, "InvalidParameterException", message, Members(clusterName, nodegroupName, withFargate: true));

    public static AwsServiceException InvalidRequest(string message, string? clusterName = null, string? nodegroupName = null) =>
        new(400, "InvalidRequestException", message, Members(clusterName, nodegroupName, withFargate: false));

    public static AwsServiceException ResourceNotFound(string message, string? clusterName = null, string? nodegroupName = null) =>
        new(404, "ResourceNotFoundException", message, Members(clusterName, nodegroupName, withFargate: true));

    public static AwsServiceException ResourceInUse(string message, string? clusterName = null, string? nodegroupName = null) =>
        new(409, "ResourceInUseException", message, new Dictionary<string, object?>
        {
            ["clusterName"] = clusterName,
            ["nodegroupName"] = nodegroupName,
            ["addonName"] = null,
        });

    /// <summary>The tag operations' 404 (they do not use ResourceNotFoundException).</summary>
    public static AwsServiceException NotFound(string message) => new(404, "NotFoundException", message);

    /// <summary>The tag operations' 400.</summary>
    public static AwsServiceException BadRequest(string message) => new(400, "BadRequestException", message);

    public static AwsServiceException ClusterNotFound(string name) => ResourceNotFound($"No cluster found for name: {name}.", name);

    public static AwsServiceException NodegroupNotFound(string clusterName, string nodegroupName) =>
        ResourceNotFound($"No node group found for name: {nodegroupName}.", clusterName, nodegroupName);

    public static AwsServiceException FargateProfileNotFound(string clusterName, string name) =>
        new(404, "ResourceNotFoundException", $"No Fargate Profile found with name: {name}.", Members(clusterName, null, withFargate: true, fargateProfileName: name));

    /// <summary>AWS's wording for a value outside a modelled constraint.</summary>
    public static AwsServiceException ConstraintViolation(string member, string value, string constraint, string? clusterName = null) =>
        InvalidParameter($"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}", clusterName);

    private static Dictionary<string, object?> Members(string? clusterName, string? nodegroupName, bool withFargate, string? fargateProfileName = null)
    {
        var members = new Dictionary<string, object?>
        {
            ["clusterName"] = clusterName,
            ["nodegroupName"] = nodegroupName,
        };
        if (withFargate)
        {
            members["fargateProfileName"] = fargateProfileName;
        }

        members["addonName"] = null;
        members["subscriptionId"] = null;
        return members;
    }
}
