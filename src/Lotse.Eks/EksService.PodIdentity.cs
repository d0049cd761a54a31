using Lotse.Aws;

namespace Lotse.Eks;

/// <summary>The pod identity association operations.</summary>
public sealed partial class EksService
{
    private ValueTask<object> CreatePodIdentityAssociationAsync(AwsRequestContext request, string name) =>
        throw UnknownOperation("POST", $"/clusters/{name}/pod-identity-associations");

    private ValueTask<object> ListPodIdentityAssociationsAsync(AwsRequestContext request, string name) =>
        throw UnknownOperation("GET", $"/clusters/{name}/pod-identity-associations");

    private ValueTask<object> DescribePodIdentityAssociationAsync(AwsRequestContext request, string name, string id) =>
        throw UnknownOperation("GET", $"/clusters/{name}/pod-identity-associations/{id}");

    private ValueTask<object> UpdatePodIdentityAssociationAsync(AwsRequestContext request, string name, string id) =>
        throw UnknownOperation("POST", $"/clusters/{name}/pod-identity-associations/{id}");

    private ValueTask<object> DeletePodIdentityAssociationAsync(AwsRequestContext request, string name, string id) =>
        throw UnknownOperation("DELETE", $"/clusters/{name}/pod-identity-associations/{id}");
}
