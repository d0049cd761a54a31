using Lotse.Aws;
using Lotse.Eks.IdentityProviders;
using Lotse.Eks.Updates;

namespace Lotse.Eks;

/// <summary>The identity provider config operations (OIDC) and AssociateEncryptionConfig.</summary>
public sealed partial class EksService
{
    private async ValueTask<object> AssociateIdentityProviderConfigAsync(AwsRequestContext request, string name)
    {
        var (update, tags) = await _identityProviders.AssociateAsync(
            request.Caller, request.Region, name, Decode<AssociateIdentityProviderConfigRequest>(request), request.Aborted);
        return new { update, tags };
    }

    private async ValueTask<object> DescribeIdentityProviderConfigAsync(AwsRequestContext request, string name)
    {
        var oidc = await _identityProviders.DescribeAsync(request.Caller, request.Region, name, Decode<IdentityProviderConfigRequest>(request), request.Aborted);
        return new { identityProviderConfig = new { oidc } };
    }

    private async ValueTask<object> DisassociateIdentityProviderConfigAsync(AwsRequestContext request, string name) =>
        new { update = await _identityProviders.DisassociateAsync(request.Caller, request.Region, name, Decode<IdentityProviderConfigRequest>(request), request.Aborted) };

    private async ValueTask<object> ListIdentityProviderConfigsAsync(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var (configs, next) = await _identityProviders.ListAsync(request.Caller, request.Region, name, maxResults, One(query, "nextToken"), request.Aborted);
        return new ListIdentityProviderConfigsResponse(configs, next);
    }

    private async ValueTask<object> AssociateEncryptionConfigAsync(AwsRequestContext request, string name) =>
        new { update = await _updates.AssociateEncryptionAsync(request.Caller, request.Region, name, Decode<AssociateEncryptionConfigRequest>(request), request.Aborted) };

    private sealed record ListIdentityProviderConfigsResponse(List<IdentityProviderConfigRef> IdentityProviderConfigs, string? NextToken);
}
