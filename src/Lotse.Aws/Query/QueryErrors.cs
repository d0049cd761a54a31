namespace Lotse.Aws.Query;

/// <summary>Errors every query-protocol service shares.</summary>
public static class QueryErrors
{
    public static AwsServiceException MissingAction() => new(400, "MissingAction", "Missing Action");

    public static AwsServiceException InvalidAction(string action, string version) =>
        new(400, "InvalidAction", $"Could not find operation {action} for version {version}");
}
