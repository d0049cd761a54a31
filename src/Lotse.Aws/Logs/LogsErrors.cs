namespace Lotse.Aws.Logs;

/// <summary>CloudWatch Logs' error codes and texts (awsJson1_1: HTTP 400, <c>__type</c> + <c>message</c>).</summary>
internal static class LogsErrors
{
    public static AwsServiceException NoSuchGroup() => new(400, "ResourceNotFoundException", "The specified log group does not exist.");

    public static AwsServiceException NoSuchStream() => new(400, "ResourceNotFoundException", "The specified log stream does not exist.");

    public static AwsServiceException InvalidParameter(string message) => new(400, "InvalidParameterException", message);

    public static AwsServiceException Serialization() => new(400, "SerializationException", "Start of structure or map found where not expected.");

    public static AwsServiceException UnknownOperation() => new(400, "UnknownOperationException", "");
}
