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
        CheckDuplicateTags(tags);
        await CheckTrustPolicyAsync(request, document!);

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

    private async ValueTask UpdateAssumeRolePolicyAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("RoleName");
        var document = query.Get("PolicyDocument");
        new IamValidator().Name("roleName", name).PolicyDocument("policyDocument", document).ThrowIfInvalid();
        await CheckTrustPolicyAsync(request, document!);
        await _repository.UpdateRoleAsync(request.Caller.AccountId, name!, role => role with { AssumeRolePolicyDocument = document! }, request.Aborted);
        await WriteAsync(request, "UpdateAssumeRolePolicy", null);
    }

    /// <summary>
    /// The trust policy's grammar, then its IAM principals: a user or role of this account must exist with exactly
    /// that ARN (IAM stores the principal's unique id, so a dangling name cannot be saved).
    /// </summary>
    private async ValueTask CheckTrustPolicyAsync(AwsRequestContext request, string document)
    {
        foreach (var principal in TrustPolicyValidator.Validate(document))
        {
            var parts = principal.Split(':', 6);
            if (parts.Length != 6 || parts[2] != "iam" || parts[4] != request.Caller.AccountId || parts[5] == "root")
            {
                continue;
            }

            var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
            var arn = parts[5].StartsWith("user/", StringComparison.Ordinal)
                ? (await _repository.GetUserAsync(parts[4], name, request.Aborted))?.Arn
                : (await _repository.GetRoleAsync(parts[4], name, request.Aborted))?.Arn;
            if (arn != principal)
            {
                throw TrustPolicyValidator.InvalidAwsPrincipal(principal);
            }
        }
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
