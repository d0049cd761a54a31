using System.Text.Json;
using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;

namespace Lotse.Eks.IdentityProviders;

/// <summary>
/// OIDC identity provider configs associated with a cluster. Associate and Disassociate are cluster updates (the cluster goes UPDATING,
/// then ACTIVE; DescribeUpdate shows them), committed with the config's record (CREATING, DELETING), which the same request then settles.
/// EKS allows one OIDC config per cluster. Store and lifecycle only: Lotse's Kubernetes API does not accept tokens of the external issuer.
/// </summary>
public sealed class EksIdentityProviderConfigService(EksClusterStore clusters, EksClusterUpdateService updates)
{
    private readonly EksIdentityProviderConfigStore _configs = new(clusters.Store);

    private IStore Store => clusters.Store;

    public async ValueTask<(EksUpdate Update, Dictionary<string, string> Tags)> AssociateAsync(
        AwsCaller caller, string region, string clusterName, AssociateIdentityProviderConfigRequest request, CancellationToken ct)
    {
        var oidc = IdentityProviderConfigValidator.Validate(request, clusterName);
        var name = oidc.IdentityProviderConfigName!;
        var update = await updates.ApplyAsync(caller, region, clusterName, UpdateType.AssociateIdentityProviderConfig, request.ClientRequestToken, async cluster =>
        {
            if (string.Equals(oidc.IssuerUrl!.TrimEnd('/'), cluster.Identity.Oidc.Issuer.TrimEnd('/'), StringComparison.Ordinal))
            {
                throw EksErrors.InvalidParameter(
                    "Incorrect Identity Provider URL configuration. The Identity Provider URL cannot be same as OpenID Connect (OIDC) issuer URL", clusterName);
            }

            var existing = await _configs.ListAllAsync(caller.AccountId, region, clusterName, ct);
            if (existing.Any(c => c.IdentityProviderConfigName == name))
            {
                throw EksErrors.ResourceInUse($"Identity provider config {name} already exists for cluster {clusterName}.", clusterName);
            }

            if (existing.Count > 0)
            {
                throw EksErrors.InvalidRequest(
                    $"Cluster {clusterName} already has an OIDC identity provider config ({existing[0].IdentityProviderConfigName}); only one is allowed per cluster.", clusterName);
            }

            var config = new EksOidcIdentityProviderConfig
            {
                IdentityProviderConfigName = name,
                IdentityProviderConfigArn = $"arn:aws:eks:{region}:{caller.AccountId}:identityproviderconfig/{clusterName}/oidc/{name}/{Guid.NewGuid()}",
                ClusterName = clusterName,
                IssuerUrl = oidc.IssuerUrl!,
                ClientId = oidc.ClientId!,
                UsernameClaim = oidc.UsernameClaim,
                UsernamePrefix = oidc.UsernamePrefix,
                GroupsClaim = oidc.GroupsClaim,
                GroupsPrefix = oidc.GroupsPrefix,
                RequiredClaims = oidc.RequiredClaims ?? [],
                Tags = request.Tags ?? [],
                Status = IdentityProviderConfigStatus.Creating,
            };
            return new ClusterChange(UpdateType.AssociateIdentityProviderConfig, [Param(name)], _ => { })
            {
                Operations = [EksIdentityProviderConfigStore.Create(caller.AccountId, region, config)],
            };
        }, ct);

        // The update finished within the request: the config is ACTIVE from now on (a retry with the same token finds it so already).
        var settled = await SettleAsync(caller.AccountId, region, clusterName, name, IdentityProviderConfigStatus.Creating, ct);
        return (update, settled?.Tags ?? request.Tags ?? []);
    }

    public async ValueTask<EksUpdate> DisassociateAsync(AwsCaller caller, string region, string clusterName, IdentityProviderConfigRequest request, CancellationToken ct)
    {
        var name = IdentityProviderConfigValidator.NameOf(request.IdentityProviderConfig, clusterName);
        var update = await updates.ApplyAsync(caller, region, clusterName, UpdateType.DisassociateIdentityProviderConfig, request.ClientRequestToken, async cluster =>
        {
            var (config, revision) = await _configs.GetAsync(caller.AccountId, region, clusterName, name, ct) ?? throw NotFound(clusterName, name);
            if (config.Status != IdentityProviderConfigStatus.Active)
            {
                throw EksErrors.InvalidRequest($"Identity provider config {name} is in {config.Status} status.", clusterName);
            }

            config.Status = IdentityProviderConfigStatus.Deleting;
            return new ClusterChange(UpdateType.DisassociateIdentityProviderConfig, [Param(name)], _ => { })
            {
                Operations = [EksIdentityProviderConfigStore.Update(caller.AccountId, region, config, revision)],
            };
        }, ct);

        await SettleAsync(caller.AccountId, region, clusterName, name, IdentityProviderConfigStatus.Deleting, ct);
        return update;
    }

    public async ValueTask<EksOidcIdentityProviderConfig> DescribeAsync(AwsCaller caller, string region, string clusterName, IdentityProviderConfigRequest request, CancellationToken ct)
    {
        var name = IdentityProviderConfigValidator.NameOf(request.IdentityProviderConfig, clusterName);
        if (await _configs.GetAsync(caller.AccountId, region, clusterName, name, ct) is { } found)
        {
            return found.Record;
        }

        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        throw NotFound(clusterName, name);
    }

    public async ValueTask<(List<IdentityProviderConfigRef> Configs, string? NextToken)> ListAsync(
        AwsCaller caller, string region, string clusterName, int maxResults, string? nextToken, CancellationToken ct)
    {
        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        var names = (await _configs.ListAllAsync(caller.AccountId, region, clusterName, ct)).Select(c => c.IdentityProviderConfigName).ToList();
        var (page, next) = ListToken.PageAfter(names, n => n, maxResults, nextToken, clusterName);
        return (page.Select(n => new IdentityProviderConfigRef(IdentityProviderConfigValidator.OidcType, n)).ToList(), next);
    }

    /// <summary>Moves a CREATING config to ACTIVE, or removes a DELETING one; null when there is nothing (left) to show.</summary>
    private async ValueTask<EksOidcIdentityProviderConfig?> SettleAsync(string accountId, string region, string clusterName, string name, string from, CancellationToken ct)
    {
        while (true)
        {
            if (await _configs.GetAsync(accountId, region, clusterName, name, ct) is not var (config, revision))
            {
                return null;
            }

            if (config.Status != from)
            {
                return config;
            }

            StoreOperation operation;
            if (from == IdentityProviderConfigStatus.Deleting)
            {
                operation = StoreOperation.Delete(EksIdentityProviderConfigStore.Key(accountId, region, clusterName, name), revision);
            }
            else
            {
                config.Status = IdentityProviderConfigStatus.Active;
                operation = EksIdentityProviderConfigStore.Update(accountId, region, config, revision);
            }

            var done = await Store.CommitAsync([operation], ct);
            if (done.Succeeded)
            {
                return from == IdentityProviderConfigStatus.Deleting ? null : config;
            }
        }
    }

    private static UpdateParam Param(string name) =>
        new("IdentityProviderConfig", JsonSerializer.Serialize(new[] { new IdentityProviderConfigRef(IdentityProviderConfigValidator.OidcType, name) }, EksJson.Options));

    private static AwsServiceException NotFound(string clusterName, string name) =>
        EksErrors.ResourceNotFound($"No config found for cluster: {clusterName}, config type: {IdentityProviderConfigValidator.OidcType}, config name: {name}", clusterName);
}
