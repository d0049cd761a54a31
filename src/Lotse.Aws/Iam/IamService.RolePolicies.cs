using Lotse.Aws.Query;

namespace Lotse.Aws.Iam;

public sealed partial class IamService
{
    private async ValueTask AttachRolePolicyAsync(AwsRequestContext request, QueryRequest query)
    {
        var (role, policyArn) = ReadRoleAndPolicy(query);
        await _repository.AttachRolePolicyAsync(request.Caller.AccountId, role, policyArn, request.Aborted);
        await WriteAsync(request, "AttachRolePolicy", null);
    }

    private async ValueTask DetachRolePolicyAsync(AwsRequestContext request, QueryRequest query)
    {
        var (role, policyArn) = ReadRoleAndPolicy(query);
        await _repository.DetachRolePolicyAsync(request.Caller.AccountId, role, policyArn, request.Aborted);
        await WriteAsync(request, "DetachRolePolicy", null);
    }

    private async ValueTask ListAttachedRolePoliciesAsync(AwsRequestContext request, QueryRequest query)
    {
        var role = await RequireRoleAsync(request, query);
        var (maxItems, marker, pathPrefix) = ReadPaging(query, withPathPrefix: true);
        var attached = (role.AttachedPolicyArns ?? [])
            .Where(arn => pathPrefix is null || PolicyPath(arn).StartsWith(pathPrefix, StringComparison.Ordinal))
            .ToList();
        var start = marker is null ? 0 : Math.Max(0, attached.IndexOf(marker));
        var page = attached.Skip(start).Take(maxItems).ToList();
        var next = start + page.Count < attached.Count ? attached[start + page.Count] : null;
        await WriteAsync(request, "ListAttachedRolePolicies", xml =>
        {
            IamXml.WriteList(xml, "AttachedPolicies", page, static (x, arn) =>
            {
                x.WriteElementString("PolicyName", IamRepository.PolicyName(arn));
                x.WriteElementString("PolicyArn", arn);
            });
            IamXml.WritePaging(xml, next is not null, next);
        });
    }

    // Inline role policies and instance profiles cannot be created in Lotse, so every role has none; the
    // calls still answer because Terraform and eksctl list them before deleting a role.
    private async ValueTask ListRolePoliciesAsync(AwsRequestContext request, QueryRequest query)
    {
        await RequireRoleAsync(request, query);
        await WriteAsync(request, "ListRolePolicies", xml =>
        {
            IamXml.WriteList(xml, "PolicyNames", Array.Empty<string>(), static (_, _) => { });
            IamXml.WritePaging(xml, false, null);
        });
    }

    private async ValueTask ListInstanceProfilesForRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        await RequireRoleAsync(request, query);
        await WriteAsync(request, "ListInstanceProfilesForRole", xml =>
        {
            IamXml.WriteList(xml, "InstanceProfiles", Array.Empty<string>(), static (_, _) => { });
            IamXml.WritePaging(xml, false, null);
        });
    }

    private async ValueTask<IamRole> RequireRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Get("RoleName");
        new IamValidator().Name("roleName", name).ThrowIfInvalid();
        return await _repository.GetRoleAsync(request.Caller.AccountId, name!, request.Aborted) ?? throw IamErrors.NoSuchRole(name!);
    }

    private static (string Role, string PolicyArn) ReadRoleAndPolicy(QueryRequest query)
    {
        var role = query.Get("RoleName");
        var policyArn = query.Get("PolicyArn");
        new IamValidator().Name("roleName", role).Arn("policyArn", policyArn).ThrowIfInvalid();
        return (role!, policyArn!);
    }

    // arn:aws:iam::aws:policy/service-role/X → "/service-role/"
    private static string PolicyPath(string arn)
    {
        var resource = arn[(arn.IndexOf(":policy", StringComparison.Ordinal) + ":policy".Length)..];
        return resource[..(resource.LastIndexOf('/') + 1)];
    }
}
