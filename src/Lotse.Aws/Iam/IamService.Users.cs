using Lotse.Aws.Query;

namespace Lotse.Aws.Iam;

public sealed partial class IamService
{
    private async ValueTask CreateUserAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("UserName");
        var path = query.Get("Path") ?? "/";
        var tags = ReadTags(query);
        new IamValidator().Name("userName", name).Path(path).Tags(tags).ThrowIfInvalid();
        CheckDuplicateTags(tags);

        var user = await _repository.CreateUserAsync(request.Caller.AccountId, name!, path, tags, request.Aborted);
        await WriteAsync(request, "CreateUser", xml =>
        {
            xml.WriteStartElement("User");
            IamXml.WriteUser(xml, user, full: true);
            xml.WriteEndElement();
        });
    }

    private async ValueTask GetUserAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = UserNameOrCaller(request, query);
        var user = await _repository.GetUserAsync(request.Caller.AccountId, name, request.Aborted) ?? throw IamErrors.NoSuchUser(name);
        await WriteAsync(request, "GetUser", xml =>
        {
            xml.WriteStartElement("User");
            IamXml.WriteUser(xml, user, full: true);
            xml.WriteEndElement();
        });
    }

    private async ValueTask ListUsersAsync(AwsRequestContext request, QueryRequest query)
    {
        var (maxItems, marker, pathPrefix) = ReadPaging(query, withPathPrefix: true);
        var (users, truncated, next) = await _repository.ListUsersAsync(request.Caller.AccountId, pathPrefix, marker, maxItems, request.Aborted);
        await WriteAsync(request, "ListUsers", xml =>
        {
            IamXml.WriteList(xml, "Users", users, static (x, u) => IamXml.WriteUser(x, u, full: false));
            IamXml.WritePaging(xml, truncated, next);
        });
    }

    private async ValueTask DeleteUserAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("UserName");
        new IamValidator().Name("userName", name).ThrowIfInvalid();
        await _repository.DeleteUserAsync(request.Caller.AccountId, name!, request.Aborted);
        await WriteAsync(request, "DeleteUser", null);
    }
}
