using Lotse.Aws.Query;

namespace Lotse.Aws.Iam;

public sealed partial class IamService
{
    private async ValueTask CreateRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("RoleName");
        var document = query.Get("AssumeRolePolicyDocument");
        var path = query.Get("Path") ?? "/";
        var description = query.Get("Description");
        var tags = ReadTags(query);
        new IamValidator()
            .Name("roleName", name)
            .PolicyDocument("assumeRolePolicyDocument", document)
            .Path(path)
            .Description(description)
            .Integer("maxSessionDuration", query.Get("MaxSessionDuration"), 3600, 43200, out var maxSession)
            .Tags(tags)
            .ThrowIfInvalid();
        IamValidator.CheckPolicyJson(document!);
        CheckDuplicateTags(tags);

        var role = await _repository.CreateRoleAsync(request.Caller.AccountId, name!, path, document!, description, maxSession ?? 3600, tags, request.Aborted);
        await WriteAsync(request, "CreateRole", xml =>
        {
            xml.WriteStartElement("Role");
            IamXml.WriteRole(xml, role, full: true);
            xml.WriteEndElement();
        });
    }

    private async ValueTask GetRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("RoleName");
        new IamValidator().Name("roleName", name).ThrowIfInvalid();
        var role = await _repository.GetRoleAsync(request.Caller.AccountId, name!, request.Aborted) ?? throw IamErrors.NoSuchRole(name!);
        await WriteAsync(request, "GetRole", xml =>
        {
            xml.WriteStartElement("Role");
            IamXml.WriteRole(xml, role, full: true);
            xml.WriteEndElement();
        });
    }

    private async ValueTask ListRolesAsync(AwsRequestContext request, QueryRequest query)
    {
        var (maxItems, marker, pathPrefix) = ReadPaging(query, withPathPrefix: true);
        var (roles, truncated, next) = await _repository.ListRolesAsync(request.Caller.AccountId, pathPrefix, marker, maxItems, request.Aborted);
        await WriteAsync(request, "ListRoles", xml =>
        {
            IamXml.WriteList(xml, "Roles", roles, static (x, r) => IamXml.WriteRole(x, r, full: false));
            IamXml.WritePaging(xml, truncated, next);
        });
    }

    private async ValueTask DeleteRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("RoleName");
        new IamValidator().Name("roleName", name).ThrowIfInvalid();
        await _repository.DeleteRoleAsync(request.Caller.AccountId, name!, request.Aborted);
        await WriteAsync(request, "DeleteRole", null);
    }

    private static void CheckDuplicateTags(IReadOnlyList<IamTag> tags)
    {
        if (tags.Select(t => t.Key.ToLowerInvariant()).Distinct().Count() != tags.Count)
        {
            throw IamErrors.InvalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        }
    }
}
