using System.Text.Json;
using Lotse.Aws;
using Lotse.Eks.Access;
using Lotse.Eks.Addons;
using Lotse.Eks.Clusters;
using Lotse.Eks.Fargate;
using Lotse.Eks.IdentityProviders;
using Lotse.Eks.Nodegroups;
using Lotse.Eks.PodIdentity;
using Lotse.Eks.Tags;
using Lotse.Eks.Updates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lotse.Eks;

/// <summary>
/// The EKS management API (rest-json, signing name <c>eks</c>): routes by method and the raw, still-encoded
/// path (labels such as ARNs arrive as one percent-encoded segment, decoded once here), decodes bodies, encodes answers.
/// The operations of each family live in a partial beside this file.
/// </summary>
public sealed partial class EksService(
    EksClusterService clusters,
    EksClusterUpdateService updates,
    EksUpdateQueries updateQueries,
    EksTagService tags,
    EksNodegroupService nodegroups,
    EksFargateProfileService fargate,
    EksAccessEntryService accessEntries,
    EksAddonService addons,
    EksIdentityProviderConfigService identityProviders,
    EksPodIdentityAssociationService podIdentities,
    TimeProvider time) : IAwsService
{
    private readonly EksClusterUpdateService _updates = updates;
    private readonly EksUpdateQueries _updateQueries = updateQueries;
    private readonly EksTagService _tags = tags;
    private readonly EksNodegroupService _nodegroups = nodegroups;
    private readonly EksFargateProfileService _fargate = fargate;
    private readonly EksAccessEntryService _accessEntries = accessEntries;
    private readonly EksAddonService _addons = addons;
    private readonly EksIdentityProviderConfigService _identityProviders = identityProviders;
    private readonly EksPodIdentityAssociationService _podIdentities = podIdentities;
    private readonly TimeProvider _time = time;

    public string SigningName => "eks";

    public AwsProtocol Protocol => AwsProtocol.RestJson;

    public async ValueTask HandleAsync(AwsRequestContext request)
    {
        var http = request.Http;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = http.Request.Method;
        var (caller, region, ct) = (request.Caller, request.Region, request.Aborted);

        object response = (method, segments) switch
        {
            ("POST", ["clusters"]) => new { cluster = await clusters.CreateAsync(caller, region, Decode<CreateClusterRequest>(request), ct) },
            ("GET", ["clusters"]) => await ListClustersAsync(request),
            ("GET", ["clusters", var name]) => new { cluster = await clusters.DescribeAsync(caller, region, name, ct) },
            ("DELETE", ["clusters", var name]) => new { cluster = await clusters.DeleteAsync(caller, region, name, ct) },
            ("POST", ["clusters", var name, "update-config"]) => new { update = await _updates.UpdateConfigAsync(caller, region, name, Decode<UpdateClusterConfigRequest>(request), ct) },
            ("POST", ["clusters", var name, "updates"]) => new { update = await _updates.UpdateVersionAsync(caller, region, name, Decode<UpdateClusterVersionRequest>(request), ct) },
            ("GET", ["clusters", var name, "updates"]) => await ListUpdatesAsync(request, name),
            ("GET", ["clusters", var name, "updates", var id]) => new { update = await _updateQueries.DescribeAsync(caller, region, Scope(request, name), id, ct) },
            ("GET", ["cluster-versions"]) => DescribeClusterVersions(request),
            ("GET", ["tags", var arn]) => new { tags = await _tags.ListAsync(caller, region, arn, ct) },
            ("POST", ["tags", var arn]) => await TagResourceAsync(request, arn),
            ("DELETE", ["tags", var arn]) => await UntagResourceAsync(request, arn),
            ("POST", ["clusters", var name, "node-groups"]) => new { nodegroup = await _nodegroups.CreateAsync(caller, region, name, Decode<CreateNodegroupRequest>(request), ct) },
            ("GET", ["clusters", var name, "node-groups"]) => await ListNodegroupsAsync(request, name),
            ("GET", ["clusters", var name, "node-groups", var ng]) => new { nodegroup = await _nodegroups.DescribeAsync(caller, region, name, ng, ct) },
            ("DELETE", ["clusters", var name, "node-groups", var ng]) => new { nodegroup = await _nodegroups.DeleteAsync(caller, region, name, ng, ct) },
            ("POST", ["clusters", var name, "node-groups", var ng, "update-config"]) =>
                new { update = await _nodegroups.UpdateConfigAsync(caller, region, name, ng, Decode<UpdateNodegroupConfigRequest>(request), ct) },
            ("POST", ["clusters", var name, "node-groups", var ng, "update-version"]) =>
                new { update = await _nodegroups.UpdateVersionAsync(caller, region, name, ng, Decode<UpdateNodegroupVersionRequest>(request), ct) },
            ("POST", ["clusters", var name, "fargate-profiles"]) =>
                new { fargateProfile = await _fargate.CreateAsync(caller, region, name, Decode<CreateFargateProfileRequest>(request), ct) },
            ("GET", ["clusters", var name, "fargate-profiles"]) => await ListFargateProfilesAsync(request, name),
            ("GET", ["clusters", var name, "fargate-profiles", var fp]) => new { fargateProfile = await _fargate.DescribeAsync(caller, region, name, fp, ct) },
            ("DELETE", ["clusters", var name, "fargate-profiles", var fp]) => new { fargateProfile = await _fargate.DeleteAsync(caller, region, name, fp, ct) },
            ("POST", ["clusters", var name, "access-entries"]) =>
                new { accessEntry = await _accessEntries.CreateAsync(caller, region, name, Decode<CreateAccessEntryRequest>(request), ct) },
            ("GET", ["clusters", var name, "access-entries"]) => await ListAccessEntriesAsync(request, name),
            ("GET", ["clusters", var name, "access-entries", var principal]) => new { accessEntry = await _accessEntries.DescribeAsync(caller, region, name, principal, ct) },
            ("POST", ["clusters", var name, "access-entries", var principal]) =>
                new { accessEntry = await _accessEntries.UpdateAsync(caller, region, name, principal, DecodeOrEmpty<UpdateAccessEntryRequest>(request), ct) },
            ("DELETE", ["clusters", var name, "access-entries", var principal]) => await DeleteAccessEntryAsync(request, name, principal),
            ("POST", ["clusters", var name, "access-entries", var principal, "access-policies"]) =>
                await _accessEntries.AssociateAsync(caller, region, name, principal, Decode<AssociateAccessPolicyRequest>(request), ct),
            ("GET", ["clusters", var name, "access-entries", var principal, "access-policies"]) => await ListAssociatedAccessPoliciesAsync(request, name, principal),
            ("DELETE", ["clusters", var name, "access-entries", var principal, "access-policies", var policy]) =>
                await DisassociateAccessPolicyAsync(request, name, principal, policy),
            ("GET", ["access-policies"]) => ListAccessPolicies(request),
            ("POST", ["clusters", var name, "addons"]) => await CreateAddonAsync(request, name),
            ("GET", ["clusters", var name, "addons"]) => await ListAddonsAsync(request, name),
            ("GET", ["clusters", var name, "addons", var addon]) => await DescribeAddonAsync(request, name, addon),
            ("POST", ["clusters", var name, "addons", var addon, "update"]) => await UpdateAddonAsync(request, name, addon),
            ("DELETE", ["clusters", var name, "addons", var addon]) => await DeleteAddonAsync(request, name, addon),
            ("GET", ["addons", "supported-versions"]) => await DescribeAddonVersionsAsync(request),
            ("GET", ["addons", "configuration-schemas"]) => await DescribeAddonConfigurationAsync(request),
            ("POST", ["clusters", var name, "identity-provider-configs", "associate"]) => await AssociateIdentityProviderConfigAsync(request, name),
            ("POST", ["clusters", var name, "identity-provider-configs", "describe"]) => await DescribeIdentityProviderConfigAsync(request, name),
            ("POST", ["clusters", var name, "identity-provider-configs", "disassociate"]) => await DisassociateIdentityProviderConfigAsync(request, name),
            ("GET", ["clusters", var name, "identity-provider-configs"]) => await ListIdentityProviderConfigsAsync(request, name),
            ("POST", ["clusters", var name, "encryption-config", "associate"]) => await AssociateEncryptionConfigAsync(request, name),
            ("POST", ["clusters", var name, "pod-identity-associations"]) => await CreatePodIdentityAssociationAsync(request, name),
            ("GET", ["clusters", var name, "pod-identity-associations"]) => await ListPodIdentityAssociationsAsync(request, name),
            ("GET", ["clusters", var name, "pod-identity-associations", var id]) => await DescribePodIdentityAssociationAsync(request, name, id),
            ("POST", ["clusters", var name, "pod-identity-associations", var id]) => await UpdatePodIdentityAssociationAsync(request, name, id),
            ("DELETE", ["clusters", var name, "pod-identity-associations", var id]) => await DeletePodIdentityAssociationAsync(request, name, id),
            _ => throw UnknownOperation(method, path),
        };

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, response, response.GetType(), EksJson.Options, ct);
    }

    private static T Decode<T>(AwsRequestContext request)
        where T : class
    {
        if (request.Body.IsEmpty)
        {
            throw EksErrors.InvalidParameter("The request body is empty.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(request.Body.Span, EksJson.Options) ?? throw EksErrors.InvalidParameter("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at '{ex.Path.TrimStart('$', '.')}'";
            throw new AwsServiceException(400, "SerializationException", $"The request body could not be read{where}: expected a value of the type the API defines.");
        }
    }

    /// <summary>A body whose members are all optional: botocore sends <c>{}</c>, but an empty body means the same.</summary>
    private static T DecodeOrEmpty<T>(AwsRequestContext request)
        where T : class, new() => request.Body.IsEmpty ? new T() : Decode<T>(request);

    private static AwsServiceException UnknownOperation(string method, string path) =>
        new(404, "UnknownOperationException", $"No EKS operation matches {method} {path} (Lotse does not implement it yet).");
}
