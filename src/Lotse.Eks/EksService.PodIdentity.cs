using Lotse.Aws;
using Lotse.Eks.PodIdentity;

namespace Lotse.Eks;

/// <summary>The pod identity association operations.</summary>
public sealed partial class EksService
{
    private async ValueTask<object> CreatePodIdentityAssociationAsync(AwsRequestContext request, string name) =>
        new { association = await _podIdentities.CreateAsync(request.Caller, request.Region, name, Decode<CreatePodIdentityAssociationRequest>(request), request.Aborted) };

    private async ValueTask<object> ListPodIdentityAssociationsAsync(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var (associations, next) = await _podIdentities.ListAsync(
            request.Caller, request.Region, name, One(query, "namespace"), One(query, "serviceAccount"), maxResults, One(query, "nextToken"), request.Aborted);
        return new ListPodIdentityAssociationsResponse(associations, next);
    }

    private async ValueTask<object> DescribePodIdentityAssociationAsync(AwsRequestContext request, string name, string id) =>
        new { association = await _podIdentities.DescribeAsync(request.Caller, request.Region, name, id, request.Aborted) };

    private async ValueTask<object> UpdatePodIdentityAssociationAsync(AwsRequestContext request, string name, string id) =>
        new { association = await _podIdentities.UpdateAsync(request.Caller, request.Region, name, id, DecodeOrEmpty<UpdatePodIdentityAssociationRequest>(request), request.Aborted) };

    private async ValueTask<object> DeletePodIdentityAssociationAsync(AwsRequestContext request, string name, string id) =>
        new { association = await _podIdentities.DeleteAsync(request.Caller, request.Region, name, id, request.Aborted) };

    private sealed record ListPodIdentityAssociationsResponse(List<PodIdentityAssociationSummary> Associations, string? NextToken);
}
