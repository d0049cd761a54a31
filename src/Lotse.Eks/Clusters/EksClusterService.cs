using System.Security.Cryptography;
using Lotse.Aws;
using Lotse.Aws.Ec2;
using Lotse.Aws.Iam;
using Lotse.Eks.Access;
using Lotse.Eks.Addons;
using Lotse.Eks.Fargate;
using Lotse.Eks.Nodegroups;
using Lotse.Eks.Updates;
using Lotse.Kube;
using Lotse.Storage;
using Microsoft.Extensions.Logging;

namespace Lotse.Eks.Clusters;

/// <summary>
/// The cluster operations of the EKS API and the cluster lifecycle behind them:
/// CREATING (record and the cluster's initial Kubernetes objects committed in one revision) → ACTIVE → DELETING → gone.
/// </summary>
public sealed class EksClusterService(
    EksClusterStore clusters,
    IamRepository iam,
    EksEndpoints endpoints,
    EksClusterDirectory directory,
    IEc2Network ec2,
    TimeProvider time,
    ILogger<EksClusterService> logger)
{
    private readonly ClusterNetwork _network = new(ec2);

    public async ValueTask<EksCluster> CreateAsync(AwsCaller caller, string region, CreateClusterRequest request, CancellationToken ct)
    {
        var (roleAccount, roleName) = CreateClusterValidator.Validate(request);
        var name = request.Name!;

        var existing = await clusters.GetAsync(caller.AccountId, region, name, ct);
        if (existing is { } found)
        {
            // A retry with the same idempotency token returns the cluster it created instead of failing.
            if (request.ClientRequestToken is { } token && found.Record.Cluster.ClientRequestToken == token)
            {
                return found.Record.Cluster;
            }

            throw EksErrors.ResourceInUse($"Cluster already exists with name: {name}", name);
        }

        var role = roleAccount == caller.AccountId ? await iam.GetRoleAsync(roleAccount, roleName, ct) : null;
        if (role is null || role.Arn != request.RoleArn || !CreateClusterValidator.TrustsEks(role.AssumeRolePolicyDocument))
        {
            throw EksErrors.InvalidParameter(
                $"Role with arn: {request.RoleArn}, could not be assumed because it does not exist or the trusted entity is not correct", name);
        }

        // One EC2 read (two with security groups) and one write: the checks, then the cluster security group EKS owns.
        var vpc = request.ResourcesVpcConfig!;
        var vpcId = await _network.CheckClusterAsync(caller.AccountId, region, vpc.SubnetIds, vpc.SecurityGroupIds, name, null, ct);
        var clusterSecurityGroupId = await ec2.CreateClusterSecurityGroupAsync(caller.AccountId, region, vpcId, name, ct);

        var record = NewRecord(caller, region, request, vpcId, clusterSecurityGroupId);
        var kube = ToKubeCluster(record);
        var operations = new List<StoreOperation> { EksClusterStore.Create(record) };
        operations.AddRange(KubeClusterBootstrapper.InitialObjects(kube, endpoints.ApiServer, time.GetUtcNow()));

        // With access entries on, the creator's admin access is a real, visible entry, committed with the cluster.
        if (CreatorEntryOnCreate(record) is { } creatorEntry)
        {
            operations.Add(EksAccessEntryStore.Create(record.AccountId, region, creatorEntry));
        }

        var created = await clusters.Store.CommitAsync(operations, ct);
        if (!created.Succeeded)
        {
            await ec2.DeleteSecurityGroupAsync(caller.AccountId, region, clusterSecurityGroupId, ct);
            throw EksErrors.ResourceInUse($"Cluster already exists with name: {name}", name);
        }

        logger.LogInformation("Cluster {Name} ({Id}) created in {Account}/{Region}", name, record.Id, record.AccountId, region);
        var snapshot = EksClusterStore.Decode(EksClusterStore.Encode(record)).Cluster;

        // The control plane has nothing to wait for: activate at once, so the first DescribeCluster already sees ACTIVE.
        await ActivateAsync(record, created.Revision, ct);
        return snapshot;
    }

    public async ValueTask<EksCluster> DescribeAsync(AwsCaller caller, string region, string name, CancellationToken ct)
    {
        var found = await clusters.GetAsync(caller.AccountId, region, name, ct) ?? throw EksErrors.ClusterNotFound(name);
        var cluster = found.Record.Cluster;
        if (cluster.Endpoint is not null)
        {
            var vpc = cluster.ResourcesVpcConfig;
            cluster.Endpoint = endpoints.ClusterEndpoint(found.Record.Id, vpc.EndpointPublicAccess != false, vpc.EndpointPrivateAccess == true);
        }

        return cluster;
    }

    public async ValueTask<(List<string> Names, string? NextToken)> ListAsync(AwsCaller caller, string region, int maxResults, string? nextToken, CancellationToken ct)
    {
        string? start = null;
        if (nextToken is not null)
        {
            start = ListToken.Decode(nextToken) ?? throw EksErrors.InvalidParameter("The nextToken provided is invalid.");
        }

        var page = await clusters.ListAsync(caller.AccountId, region, start, maxResults, ct);
        var prefix = EksClusterRecord.KeyPrefix(caller.AccountId, region);
        var names = page.Items.Select(kv => kv.Key[prefix.Length..]).ToList();
        return (names, page.HasMore ? ListToken.Encode(names[^1] + "\0") : null);
    }

    public async ValueTask<EksCluster> DeleteAsync(AwsCaller caller, string region, string name, CancellationToken ct)
    {
        while (true)
        {
            var (record, revision) = await clusters.GetAsync(caller.AccountId, region, name, ct) ?? throw EksErrors.ClusterNotFound(name);
            if (record.Cluster.DeletionProtection)
            {
                throw EksErrors.InvalidRequest(
                    $"Cluster {name} has deletion protection enabled. Disable deletion protection before deleting the cluster.", name);
            }

            if (record.Cluster.Status == ClusterStatus.Deleting)
            {
                return record.Cluster;
            }

            // Node group creation CAS-touches the cluster record, so one created after this check makes the commit below conflict.
            if (await new EksNodegroupStore(clusters.Store).AnyAsync(record.AccountId, record.Region, name, ct))
            {
                throw EksErrors.ResourceInUse("Cluster has nodegroups attached", name);
            }

            if ((await new EksFargateProfileStore(clusters.Store).ListAllAsync(record.AccountId, record.Region, name, ct)).Count > 0)
            {
                throw EksErrors.ResourceInUse("Cluster has fargate profiles attached", name);
            }

            record.Cluster.Status = ClusterStatus.Deleting;
            var marked = await clusters.Store.CommitAsync([EksClusterStore.Update(record, revision)], ct);
            if (marked.Status == CommitStatus.Conflict)
            {
                continue;
            }

            if (!marked.Succeeded)
            {
                throw EksErrors.ClusterNotFound(name);
            }

            directory.Remove(record.Id);
            var snapshot = EksClusterStore.Decode(EksClusterStore.Encode(record)).Cluster;
            await FinishDeleteAsync(record, ct);
            return snapshot;
        }
    }

    /// <summary>Completes lifecycle steps a previous process was stopped in the middle of.</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        await new EksNodegroupService(clusters, iam, ec2, time).ResumeAsync(ct);
        await new EksFargateProfileService(clusters, iam, ec2, time).ResumeAsync(ct);
        await new EksAddonService(clusters, time).ResumeAsync(ct);
        var (records, _) = await clusters.ListAllAsync(ct);
        foreach (var record in records)
        {
            var current = await clusters.GetAsync(record.AccountId, record.Region, record.Cluster.Name, ct);
            if (current is not { } found)
            {
                continue;
            }

            switch (found.Record.Cluster.Status)
            {
                case ClusterStatus.Creating:
                    await ActivateAsync(found.Record, found.Revision, ct);
                    break;
                case ClusterStatus.Deleting:
                    await FinishDeleteAsync(found.Record, ct);
                    break;
                case ClusterStatus.Updating:
                    await new EksClusterUpdateService(clusters, directory, ec2, time).ResumeAsync(found.Record, found.Revision, ct);
                    break;
            }
        }
    }

    private async Task ActivateAsync(EksClusterRecord record, long revision, CancellationToken ct)
    {
        record.Cluster.Status = ClusterStatus.Active;
        record.Cluster.Endpoint = endpoints.ClusterEndpoint(record.Id);
        record.Cluster.CertificateAuthority = new Certificate { Data = endpoints.CertificateAuthorityData };
        var activated = await clusters.Store.CommitAsync([EksClusterStore.Update(record, revision)], ct);
        if (activated.Succeeded)
        {
            directory.Upsert(record);
        }
    }

    private async Task FinishDeleteAsync(EksClusterRecord record, CancellationToken ct)
    {
        await clusters.Store.DeletePrefixAsync(KubeClusterBootstrapper.StoragePrefix(ToKubeCluster(record)), ct);
        await clusters.Store.DeletePrefixAsync(EksUpdateStore.ClusterPrefix(record.AccountId, record.Region, record.Cluster.Name), ct);
        await clusters.Store.DeletePrefixAsync(EksAccessEntryStore.ClusterPrefix(record.AccountId, record.Region, record.Cluster.Name), ct);
        await clusters.Store.DeletePrefixAsync(EksAddonStore.ClusterPrefix(record.AccountId, record.Region, record.Cluster.Name), ct);
        await clusters.Store.DeletePrefixAsync(IdentityProviders.EksIdentityProviderConfigStore.ClusterPrefix(record.AccountId, record.Region, record.Cluster.Name), ct);
        await clusters.Store.DeletePrefixAsync(PodIdentity.EksPodIdentityAssociationStore.ClusterPrefix(record.AccountId, record.Region, record.Cluster.Name), ct);
        await clusters.Store.CommitAsync([StoreOperation.Delete(EksClusterStore.KeyOf(record), 0)], ct);
        if (record.Cluster.ResourcesVpcConfig.ClusterSecurityGroupId is { } clusterSecurityGroupId)
        {
            await ec2.DeleteSecurityGroupAsync(record.AccountId, record.Region, clusterSecurityGroupId, ct);
        }

        logger.LogInformation("Cluster {Name} ({Id}) deleted", record.Cluster.Name, record.Id);
    }

    private EksClusterRecord NewRecord(AwsCaller caller, string region, CreateClusterRequest request, string vpcId, string clusterSecurityGroupId)
    {
        var name = request.Name!;
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var version = request.Version ?? EksVersions.Default;
        var vpc = request.ResourcesVpcConfig!;
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var cluster = new EksCluster
        {
            Name = name,
            Arn = $"arn:aws:eks:{region}:{caller.AccountId}:cluster/{name}",
            CreatedAt = Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3),
            Version = version,
            RoleArn = request.RoleArn!,
            ResourcesVpcConfig = new VpcConfig
            {
                SubnetIds = vpc.SubnetIds,
                SecurityGroupIds = vpc.SecurityGroupIds,
                ClusterSecurityGroupId = clusterSecurityGroupId,
                VpcId = vpcId,
                EndpointPublicAccess = vpc.EndpointPublicAccess ?? true,
                EndpointPrivateAccess = vpc.EndpointPrivateAccess ?? false,
                PublicAccessCidrs = vpc.PublicAccessCidrs is { Count: > 0 } cidrs ? cidrs : ["0.0.0.0/0"],
            },
            KubernetesNetworkConfig = new KubernetesNetworkConfig
            {
                ServiceIpv4Cidr = request.KubernetesNetworkConfig?.ServiceIpv4Cidr ?? ServiceCidr.Default,
                IpFamily = request.KubernetesNetworkConfig?.IpFamily ?? "ipv4",
                ElasticLoadBalancing = new ElasticLoadBalancing { Enabled = false },
            },
            Logging = NormalizeLogging(request.Logging),
            Identity = new Identity { Oidc = new Oidc { Issuer = endpoints.OidcIssuer(id) } },
            Status = ClusterStatus.Creating,
            ClientRequestToken = request.ClientRequestToken,
            PlatformVersion = EksVersions.PlatformVersion(version),
            Tags = request.Tags ?? [],
            EncryptionConfig = request.EncryptionConfig,
            Health = new ClusterHealth(),
            AccessConfig = new AccessConfig
            {
                BootstrapClusterCreatorAdminPermissions = request.AccessConfig?.BootstrapClusterCreatorAdminPermissions ?? true,
                AuthenticationMode = request.AccessConfig?.AuthenticationMode ?? "CONFIG_MAP",
            },
            UpgradePolicy = new UpgradePolicy { SupportType = request.UpgradePolicy?.SupportType ?? "EXTENDED" },
            ZonalShiftConfig = request.ZonalShiftConfig,
            DeletionProtection = request.DeletionProtection ?? false,
        };

        return new EksClusterRecord
        {
            Cluster = cluster,
            Id = id,
            AccountId = caller.AccountId,
            Region = region,
            CreatorArn = CanonicalCreator(caller),
            CreatorPrincipalId = caller.UserId.Split(':')[0],
            ServiceAccountSigningKeyPem = signingKey.ExportPkcs8PrivateKeyPem(),
        };
    }

    /// <summary>The creator's access entry for a cluster created with access entries on and bootstrapClusterCreatorAdminPermissions.</summary>
    internal static EksAccessEntryRecord? CreatorEntryOnCreate(EksClusterRecord record)
    {
        var access = record.Cluster.AccessConfig;
        return access.BootstrapClusterCreatorAdminPermissions == true && AccessEntryTypes.UsesAccessEntries(AccessEntryTypes.ModeOf(record.Cluster))
            ? EksAccessEntryService.CreatorEntry(record, record.CreatorPrincipalId, record.Cluster.CreatedAt)
            : null;
    }

    /// <summary>EKS answers every log type: the enabled ones in one entry, the rest disabled in another.</summary>
    internal static Logging NormalizeLogging(Logging? requested)
    {
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setup in requested?.ClusterLogging ?? [])
        {
            foreach (var type in setup.Types ?? [])
            {
                if (setup.Enabled == true)
                {
                    enabled.Add(type);
                }
                else
                {
                    enabled.Remove(type);
                }
            }
        }

        var on = CreateClusterValidator.LogTypes.Where(enabled.Contains).ToList();
        var off = CreateClusterValidator.LogTypes.Where(t => !enabled.Contains(t)).ToList();
        var logging = new Logging();
        if (on.Count > 0)
        {
            logging.ClusterLogging.Add(new LogSetup { Types = on, Enabled = true });
        }

        if (off.Count > 0)
        {
            logging.ClusterLogging.Add(new LogSetup { Types = off, Enabled = false });
        }

        return logging;
    }

    /// <summary>The IAM identity EKS records as the creator: an assumed role counts as its role.</summary>
    internal static string CanonicalCreator(AwsCaller caller)
    {
        if (caller.Type != AwsPrincipalType.AssumedRole)
        {
            return caller.Arn;
        }

        // arn:aws:sts::<acct>:assumed-role/<role>/<session> → arn:aws:iam::<acct>:role/<role>
        var resource = caller.Arn[(caller.Arn.IndexOf(":assumed-role/", StringComparison.Ordinal) + ":assumed-role/".Length)..];
        var role = resource[..resource.LastIndexOf('/')];
        return $"arn:aws:iam::{caller.AccountId}:role/{role}";
    }

    internal static KubeCluster ToKubeCluster(EksClusterRecord record) =>
        new(record.Id, record.Cluster.Name, record.Cluster.KubernetesNetworkConfig.ServiceIpv4Cidr ?? ServiceCidr.Default, record.Cluster.Version)
        {
            Access = KubeEndpointAccess.From(
                record.Cluster.ResourcesVpcConfig.EndpointPublicAccess, record.Cluster.ResourcesVpcConfig.PublicAccessCidrs, record.Cluster.ResourcesVpcConfig.EndpointPrivateAccess),
        };
}
