using Lotse.Aws;

namespace Lotse.Eks;

/// <summary>The identity provider config operations (OIDC) and AssociateEncryptionConfig.</summary>
public sealed partial class EksService
{
    private ValueTask<object> AssociateIdentityProviderConfigAsync(AwsRequestContext request, string name) =>
        throw UnknownOperation("POST", $"/clusters/{name}/identity-provider-configs/associate");

    private ValueTask<object> DescribeIdentityProviderConfigAsync(AwsRequestContext request, string name) =>
        throw UnknownOperation("POST", $"/clusters/{name}/identity-provider-configs/describe");

    private ValueTask<object> DisassociateIdentityProviderConfigAsync(AwsRequestContext request, string name) =>
        throw UnknownOperation("POST", $"/clusters/{name}/identity-provider-configs/disassociate");

    private ValueTask<object> ListIdentityProviderConfigsAsync(AwsRequestContext request, string name) =>
        throw UnknownOperation("GET", $"/clusters/{name}/identity-provider-configs");

    private ValueTask<object> AssociateEncryptionConfigAsync(AwsRequestContext request, string name) =>
        throw UnknownOperation("POST", $"/clusters/{name}/encryption-config/associate");
}
