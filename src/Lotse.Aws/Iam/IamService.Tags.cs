using Lotse.Aws.Query;

namespace Lotse.Aws.Iam;

public sealed partial class IamService
{
    private async ValueTask TagUserAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("UserName");
        var tags = ReadTagsRequired(query, new IamValidator().Name("userName", name, max: 128));
        await _repository.UpdateUserAsync(request.Caller.AccountId, name!, user => user with { Tags = IamTags.Merge(user.Tags, tags, "TagsPerUser") }, request.Aborted);
        await WriteAsync(request, "TagUser", null);
    }

    private async ValueTask UntagUserAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("UserName");
        var keys = ReadTagKeys(query, new IamValidator().Name("userName", name, max: 128));
        await _repository.UpdateUserAsync(request.Caller.AccountId, name!, user => user with { Tags = IamTags.Remove(user.Tags, keys) }, request.Aborted);
        await WriteAsync(request, "UntagUser", null);
    }

    private async ValueTask ListUserTagsAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("UserName");
        new IamValidator().Name("userName", name, max: 128).ThrowIfInvalid();
        var (maxItems, marker, _) = ReadPaging(query, withPathPrefix: false);
        var user = await _repository.GetUserAsync(request.Caller.AccountId, name!, request.Aborted) ?? throw IamErrors.NoSuchUser(name!);
        await WriteTagPageAsync(request, "ListUserTags", user.Tags, marker, maxItems);
    }

    private async ValueTask TagRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("RoleName");
        var tags = ReadTagsRequired(query, new IamValidator().Name("roleName", name));
        await _repository.UpdateRoleAsync(request.Caller.AccountId, name!, role => role with { Tags = IamTags.Merge(role.Tags, tags, "TagsPerRole") }, request.Aborted);
        await WriteAsync(request, "TagRole", null);
    }

    private async ValueTask UntagRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("RoleName");
        var keys = ReadTagKeys(query, new IamValidator().Name("roleName", name));
        await _repository.UpdateRoleAsync(request.Caller.AccountId, name!, role => role with { Tags = IamTags.Remove(role.Tags, keys) }, request.Aborted);
        await WriteAsync(request, "UntagRole", null);
    }

    private async ValueTask ListRoleTagsAsync(AwsRequestContext request, QueryRequest query)
    {
        var role = await RequireRoleAsync(request, query);
        var (maxItems, marker, _) = ReadPaging(query, withPathPrefix: false);
        await WriteTagPageAsync(request, "ListRoleTags", role.Tags, marker, maxItems);
    }

    private static Task WriteTagPageAsync(AwsRequestContext request, string action, IReadOnlyList<IamTag>? tags, string? marker, int maxItems)
    {
        var (page, next) = IamTags.Page(tags, marker, maxItems);
        return WriteAsync(request, action, xml =>
        {
            IamXml.WriteList(xml, "Tags", page, IamXml.WriteTag);
            IamXml.WritePaging(xml, next is not null, next);
        });
    }

    /// <summary>The Tags of TagUser/TagRole: required (a missing list is "null"), validated with the name in one error.</summary>
    private static IReadOnlyList<IamTag> ReadTagsRequired(QueryRequest query, IamValidator validator)
    {
        var tags = ReadTags(query);
        if (tags.Count == 0 && query.Get("Tags") is null)
        {
            validator.NotNull("tags", null);
        }

        validator.Tags(tags).ThrowIfInvalid();
        CheckDuplicateTags(tags);
        return tags;
    }

    private static IReadOnlyList<string> ReadTagKeys(QueryRequest query, IamValidator validator)
    {
        var keys = query.GetList("TagKeys");
        if (keys.Count == 0 && query.Get("TagKeys") is null)
        {
            validator.NotNull("tagKeys", null);
        }

        validator.TagKeys(keys).ThrowIfInvalid();
        return keys;
    }
}
