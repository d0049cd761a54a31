using Lotse.Aws;

namespace Lotse.Eks;

/// <summary>The add-on operations: catalog queries and the per-cluster add-on records.</summary>
public sealed partial class EksService
{
    private ValueTask<object> CreateAddonAsync(AwsRequestContext request, string name) => throw UnknownOperation("POST", $"/clusters/{name}/addons");

    private ValueTask<object> ListAddonsAsync(AwsRequestContext request, string name) => throw UnknownOperation("GET", $"/clusters/{name}/addons");

    private ValueTask<object> DescribeAddonAsync(AwsRequestContext request, string name, string addon) => throw UnknownOperation("GET", $"/clusters/{name}/addons/{addon}");

    private ValueTask<object> UpdateAddonAsync(AwsRequestContext request, string name, string addon) => throw UnknownOperation("POST", $"/clusters/{name}/addons/{addon}/update");

    private ValueTask<object> DeleteAddonAsync(AwsRequestContext request, string name, string addon) => throw UnknownOperation("DELETE", $"/clusters/{name}/addons/{addon}");

    private ValueTask<object> DescribeAddonVersionsAsync(AwsRequestContext request) => throw UnknownOperation("GET", "/addons/supported-versions");

    private ValueTask<object> DescribeAddonConfigurationAsync(AwsRequestContext request) => throw UnknownOperation("GET", "/addons/configuration-schemas");
}
