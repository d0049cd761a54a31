using Lotse.Aws.Query;

namespace Lotse.Aws.Iam;

/// <summary>
/// AWS IAM (query protocol, API version 2010-05-08) for roles, users and access keys. IAM is global:
/// any region in the credential scope is accepted.
/// </summary>
public sealed partial class IamService : IAwsService
{
    public const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    public const string ApiVersion = "2010-05-08";

    private readonly IamRepository _repository;

    public IamService(IamRepository repository) => _repository = repository;

    public string SigningName => "iam";

    public AwsProtocol Protocol => AwsProtocol.Query;

    public string? XmlNamespace => Namespace;

    public ValueTask HandleAsync(AwsRequestContext request)
    {
        var query = QueryRequest.Parse(request);
        return query.Action switch
        {
            "CreateRole" => CreateRoleAsync(request, query),
            "GetRole" => GetRoleAsync(request, query),
            "ListRoles" => ListRolesAsync(request, query),
            "DeleteRole" => DeleteRoleAsync(request, query),
            "AttachRolePolicy" => AttachRolePolicyAsync(request, query),
            "DetachRolePolicy" => DetachRolePolicyAsync(request, query),
            "ListAttachedRolePolicies" => ListAttachedRolePoliciesAsync(request, query),
            "ListRolePolicies" => ListRolePoliciesAsync(request, query),
            "ListInstanceProfilesForRole" => ListInstanceProfilesForRoleAsync(request, query),
            "CreateUser" => CreateUserAsync(request, query),
            "GetUser" => GetUserAsync(request, query),
            "ListUsers" => ListUsersAsync(request, query),
            "DeleteUser" => DeleteUserAsync(request, query),
            "CreateAccessKey" => CreateAccessKeyAsync(request, query),
            "ListAccessKeys" => ListAccessKeysAsync(request, query),
            "DeleteAccessKey" => DeleteAccessKeyAsync(request, query),
            "UpdateAccessKey" => UpdateAccessKeyAsync(request, query),
            "GetAccessKeyLastUsed" => GetAccessKeyLastUsedAsync(request, query),
            "UpdateAssumeRolePolicy" => UpdateAssumeRolePolicyAsync(request, query),
            "TagUser" => TagUserAsync(request, query),
            "UntagUser" => UntagUserAsync(request, query),
            "ListUserTags" => ListUserTagsAsync(request, query),
            "TagRole" => TagRoleAsync(request, query),
            "UntagRole" => UntagRoleAsync(request, query),
            "ListRoleTags" => ListRoleTagsAsync(request, query),
            null => throw QueryErrors.MissingAction(),
            var other => throw QueryErrors.InvalidAction(other, ApiVersion),
        };
    }

    private static Task WriteAsync(AwsRequestContext request, string action, Action<System.Xml.XmlWriter>? result) =>
        QueryXmlWriter.WriteAsync(request, action, Namespace, result);

    private static IReadOnlyList<IamTag> ReadTags(QueryRequest query) =>
        query.GetStructureList("Tags").Select(m => new IamTag(m.GetValueOrDefault("Key") ?? string.Empty, m.GetValueOrDefault("Value") ?? string.Empty)).ToList();

    private static (int MaxItems, string? Marker, string? PathPrefix) ReadPaging(QueryRequest query, bool withPathPrefix)
    {
        var validator = new IamValidator().Integer("maxItems", query.Get("MaxItems"), 1, 1000, out var maxItems);
        if (withPathPrefix)
        {
            validator.PathPrefix(query.Get("PathPrefix"));
        }

        validator.ThrowIfInvalid();
        return (maxItems ?? 100, query.Get("Marker"), withPathPrefix ? query.Get("PathPrefix") : null);
    }

    /// <summary>The user a request acts on: the named one, else the caller (who must then be an IAM user).</summary>
    private static string UserNameOrCaller(AwsRequestContext request, QueryRequest query)
    {
        if (query.Get("UserName") is { } name)
        {
            new IamValidator().Name("userName", name, max: 128).ThrowIfInvalid();
            return name;
        }

        if (request.Caller.Type != AwsPrincipalType.User)
        {
            throw IamErrors.NonUserCredentials();
        }

        return request.Caller.Arn[(request.Caller.Arn.LastIndexOf('/') + 1)..];
    }
}
