namespace Lotse.Aws.Iam;

/// <summary>IAM's error codes, statuses and texts (botocore model error shapes; messages as IAM words them).</summary>
public static class IamErrors
{
    public static AwsServiceException NoSuchRole(string name) => new(404, "NoSuchEntity", $"The role with name {name} cannot be found.");

    public static AwsServiceException NoSuchUser(string name) => new(404, "NoSuchEntity", $"The user with name {name} cannot be found.");

    public static AwsServiceException NoSuchAccessKey(string id) => new(404, "NoSuchEntity", $"The Access Key with id {id} cannot be found.");

    public static AwsServiceException RoleExists(string name) => new(409, "EntityAlreadyExists", $"Role with name {name} already exists.");

    public static AwsServiceException UserExists(string name) => new(409, "EntityAlreadyExists", $"User with name {name} already exists.");

    public static AwsServiceException AccessKeyQuota() => new(409, "LimitExceeded", $"Cannot exceed quota for AccessKeysPerUser: {IamRepository.MaxAccessKeysPerUser}");

    public static AwsServiceException DeleteConflictAccessKeys() => new(409, "DeleteConflict", "Cannot delete entity, must delete access keys first.");

    public static AwsServiceException MalformedPolicy(string message) => new(400, "MalformedPolicyDocument", message);

    public static AwsServiceException InvalidInput(string message) => new(400, "InvalidInput", message);

    public static AwsServiceException NonUserCredentials() => new(400, "ValidationError", "Must specify userName when calling with non-User credentials");

    public static AwsServiceException ConcurrentModification() =>
        new(409, "ConcurrentModification", "The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.");

    /// <summary>"1 validation error detected: Value 'x' at 'roleName' failed to satisfy constraint: …" — all problems in one message.</summary>
    public static AwsServiceException Validation(IReadOnlyList<string> problems) =>
        new(400, "ValidationError", $"{problems.Count} validation error{(problems.Count == 1 ? string.Empty : "s")} detected: {string.Join("; ", problems)}");
}
