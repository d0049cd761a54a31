namespace Lotse.Aws.Ec2;

/// <summary>EC2's errors with its codes and wording; all are client errors (HTTP 400) unless noted.</summary>
public static class Ec2Errors
{
    public const string DryRunMessage = "Request would have succeeded, but DryRun flag is set.";

    /// <summary>What a permitted DryRun=true request answers (HTTP 412).</summary>
    public static AwsServiceException DryRunOperation() => new(412, "DryRunOperation", DryRunMessage);

    public static AwsServiceException InvalidAction(string action) =>
        new(400, "InvalidAction", $"The action {action} is not valid for this web service.");

    public static AwsServiceException MissingAction() => new(400, "MissingAction", "The request must contain the parameter Action");

    public static AwsServiceException MissingParameter(string name) =>
        new(400, "MissingParameter", $"The request must contain the parameter {name}");

    public static AwsServiceException MissingCidr() =>
        new(400, "MissingParameter", "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");

    public static AwsServiceException InvalidParameterValue(string message) => new(400, "InvalidParameterValue", message);

    public static AwsServiceException InvalidCidr(string value) =>
        InvalidParameterValue($"Value ({value}) for parameter cidrBlock is invalid. This is not a valid CIDR block.");

    public static AwsServiceException UnknownFilter(string name) => InvalidParameterValue($"The filter '{name}' is invalid");

    public static AwsServiceException InvalidMaxResults(int value, int min, int max) =>
        InvalidParameterValue($"Value ( {value} ) for parameter maxResults is invalid. Parameter must be between {min} and {max}.");

    public static AwsServiceException InvalidNextToken() => InvalidParameterValue("The token provided is invalid.");

    public static AwsServiceException InvalidVpcRange(string cidr) => new(400, "InvalidVpc.Range", $"The CIDR '{cidr}' is invalid.");

    public static AwsServiceException InvalidSubnetRange(string cidr) => new(400, "InvalidSubnet.Range", $"The CIDR '{cidr}' is invalid.");

    public static AwsServiceException SubnetConflict(string cidr) =>
        new(400, "InvalidSubnet.Conflict", $"The CIDR '{cidr}' conflicts with another subnet");

    public static AwsServiceException VpcNotFound(IReadOnlyList<string> ids) => NotFound("InvalidVpcID.NotFound", "vpc ID", ids);

    public static AwsServiceException SubnetNotFound(IReadOnlyList<string> ids) => NotFound("InvalidSubnetID.NotFound", "subnet ID", ids);

    public static AwsServiceException GroupNotFound(IReadOnlyList<string> ids) => NotFound("InvalidGroup.NotFound", "security group", ids);

    public static AwsServiceException GroupNameNotFound(string name, string? defaultVpcId) => new(400, "InvalidGroup.NotFound",
        defaultVpcId is null ? $"The security group '{name}' does not exist" : $"The security group '{name}' does not exist in default VPC '{defaultVpcId}'");

    public static AwsServiceException InvalidId(string id) => new(400, "InvalidID", $"The ID '{id}' is not valid");

    public static AwsServiceException DuplicateGroup(string name, string vpcId) =>
        new(400, "InvalidGroup.Duplicate", $"The security group '{name}' already exists for VPC '{vpcId}'");

    public static AwsServiceException CannotDeleteDefaultGroup(string groupId) =>
        new(400, "CannotDelete", $"the specified group: \"{groupId}\" name: \"default\" cannot be deleted by a user");

    public static AwsServiceException VpcHasDependencies(string vpcId) =>
        new(400, "DependencyViolation", $"The vpc '{vpcId}' has dependencies and cannot be deleted.");

    public static AwsServiceException InvalidZone(string parameter, string value, IEnumerable<string> zones) => InvalidParameterValue(
        $"Value ({value}) for parameter {parameter} is invalid. Subnets can currently only be created in the following availability zones: {string.Join(", ", zones)}.");

    public static AwsServiceException InvalidTagResourceType(string type) =>
        InvalidParameterValue($"'{type}' is not a valid taggable resource type for this operation.");

    /// <summary>Concurrent writers kept changing the same records; EC2 would have serialized them (HTTP 503, retried by botocore).</summary>
    public static AwsServiceException ConcurrentModification() =>
        new(503, "RequestLimitExceeded", "Request limit exceeded.");

    private static AwsServiceException NotFound(string code, string noun, IReadOnlyList<string> ids) => new(400, code, ids.Count == 1
        ? $"The {noun} '{ids[0]}' does not exist"
        : $"The {noun}s '{string.Join(", ", ids)}' do not exist");
}
