using Lotse.Aws;
using Lotse.Eks.Access;

namespace Lotse.Eks;

/// <summary>The access-entry operations that read query-string members or answer with an empty body.</summary>
public sealed partial class EksService
{
    private async ValueTask<object> ListAccessEntriesAsync(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var page = await _accessEntries.ListAsync(request.Caller, request.Region, name, One(query, "associatedPolicyArn"), maxResults, One(query, "nextToken"), request.Aborted);
        return new ListAccessEntriesResponse(page.Items, page.NextToken);
    }

    private async ValueTask<object> DeleteAccessEntryAsync(AwsRequestContext request, string name, string principalArn)
    {
        await _accessEntries.DeleteAsync(request.Caller, request.Region, name, principalArn, request.Aborted);
        return new { };
    }

    private async ValueTask<object> ListAssociatedAccessPoliciesAsync(AwsRequestContext request, string name, string principalArn)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        return await _accessEntries.ListAssociatedAsync(request.Caller, request.Region, name, principalArn, maxResults, One(query, "nextToken"), request.Aborted);
    }

    private async ValueTask<object> DisassociateAccessPolicyAsync(AwsRequestContext request, string name, string principalArn, string policyArn)
    {
        await _accessEntries.DisassociateAsync(request.Caller, request.Region, name, principalArn, policyArn, request.Aborted);
        return new { };
    }

    private static ListAccessPoliciesResponse ListAccessPolicies(AwsRequestContext request)
    {
        var query = request.Http.Request.Query;
        var page = EksAccessEntryService.ListPolicies(MaxResults(query), One(query, "nextToken"));
        return new ListAccessPoliciesResponse(page.Items.Select(p => new AccessPolicyShape(p.Name, p.Arn)).ToList(), page.NextToken);
    }

    private sealed record ListAccessEntriesResponse(List<string> AccessEntries, string? NextToken);

    private sealed record AccessPolicyShape(string Name, string Arn);

    private sealed record ListAccessPoliciesResponse(List<AccessPolicyShape> AccessPolicies, string? NextToken);
}
