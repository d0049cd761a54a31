using Lotse.Aws;

namespace Lotse.Eks.Access;

/// <summary>AssociateAccessPolicy, DisassociateAccessPolicy, ListAssociatedAccessPolicies and ListAccessPolicies.</summary>
public sealed partial class EksAccessEntryService
{
    public async ValueTask<AssociateAccessPolicyResponse> AssociateAsync(
        AwsCaller caller, string region, string clusterName, string principalArn, AssociateAccessPolicyRequest request, CancellationToken ct)
    {
        await GetClusterAsync(caller, region, clusterName, ct);
        var policy = EksAccessPolicies.Find(request.PolicyArn ?? "")
            ?? throw EksErrors.InvalidParameter($"The specified policyArn is invalid: {request.PolicyArn}. You can view the available access policies with 'list-access-policies'.", clusterName);
        var scope = AccessEntryRules.ValidateScope(request.AccessScope, clusterName);
        AssociatedAccessPolicy? associated = null;
        var record = await ChangeAsync(caller, region, clusterName, principalArn, record =>
        {
            if (record.Entry.Type != AccessEntryTypes.Standard)
            {
                throw EksErrors.InvalidParameter($"Access policies cannot be associated with an access entry of type {record.Entry.Type}.", clusterName);
            }

            // Associating a policy again replaces its scope; it keeps the time it was first associated.
            var now = Now();
            associated = record.AccessPolicies.Find(p => p.PolicyArn == policy.Arn);
            if (associated is null)
            {
                associated = new AssociatedAccessPolicy { PolicyArn = policy.Arn, AccessScope = scope, AssociatedAt = now, ModifiedAt = now };
                record.AccessPolicies.Add(associated);
            }
            else
            {
                associated.AccessScope = scope;
                associated.ModifiedAt = now;
            }
        }, ct);
        return new AssociateAccessPolicyResponse(clusterName, record.Entry.PrincipalArn, associated!);
    }

    public async ValueTask DisassociateAsync(AwsCaller caller, string region, string clusterName, string principalArn, string policyArn, CancellationToken ct)
    {
        await GetClusterAsync(caller, region, clusterName, ct);
        await ChangeAsync(caller, region, clusterName, principalArn, record =>
        {
            if (record.AccessPolicies.RemoveAll(p => p.PolicyArn == policyArn) == 0)
            {
                throw EksErrors.ResourceNotFound($"The specified policyArn {policyArn} is not associated with the access entry.", clusterName);
            }
        }, ct);
    }

    public async ValueTask<ListAssociatedAccessPoliciesResponse> ListAssociatedAsync(
        AwsCaller caller, string region, string clusterName, string principalArn, int maxResults, string? nextToken, CancellationToken ct)
    {
        await GetClusterAsync(caller, region, clusterName, ct);
        var (record, _) = await GetEntryAsync(caller, region, clusterName, principalArn, ct);
        var sorted = record.AccessPolicies.OrderBy(p => p.PolicyArn, StringComparer.Ordinal).ToList();
        var page = Page<AssociatedAccessPolicy>.Of(sorted, p => p.PolicyArn, maxResults, nextToken, clusterName);
        return new ListAssociatedAccessPoliciesResponse(clusterName, record.Entry.PrincipalArn, page.Items, page.NextToken);
    }

    public static Page<EksAccessPolicy> ListPolicies(int maxResults, string? nextToken) =>
        Page<EksAccessPolicy>.Of(EksAccessPolicies.All, p => p.Name, maxResults, nextToken, null);
}
