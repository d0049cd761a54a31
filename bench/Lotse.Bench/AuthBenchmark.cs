using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lotse.Aws.Ec2;
using Lotse.Aws.Iam;
using Lotse.Aws.Tokens;
using Lotse.Eks;
using Lotse.Eks.Access;
using Lotse.Eks.Clusters;
using Lotse.Eks.Mapping;
using Lotse.Kube;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Lotse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Bench;

/// <summary>
/// `auth`: what authenticating an <c>aws eks get-token</c> token adds to a Kubernetes request, on the real SQLite store:
/// the first use of a token (aws-iam-authenticator's checks + SigV4 recomputation + mapping) and every later use (the
/// token cache, the access-key status read, the mapping). Three identities: the creator (implicit admin), a user mapped
/// by aws-auth, and one mapped by an access entry. Target (issue: identity and access): a cached token costs ≤ 20 µs p50
/// over the unauthenticated path, which skips all of this.
/// </summary>
internal static class AuthBenchmark
{
    private const string Account = "123456789012";
    private const string Region = "eu-central-1";

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var requests = arguments.Int("--requests", 100_000);
        var directory = Directory.CreateTempSubdirectory("lotse-bench-auth-").FullName;
        try
        {
            await using var store = await SqliteStore.OpenAsync(Path.Combine(directory, "lotse.db"));
            var iam = new IamRepository(store, TimeProvider.System);
            var admin = await UserWithTokenAsync(iam, "admin", "config-map");
            var mapped = await UserWithTokenAsync(iam, "mapped", "config-map");
            var entered = await UserWithTokenAsync(iam, "entered", "api");

            var configMapCluster = await CreateClusterAsync(store, "config-map", "CONFIG_MAP", admin.User);
            var apiCluster = await CreateClusterAsync(store, "api", "API_AND_CONFIG_MAP", admin.User);
            await CommitAsync(store, StoreOperation.Create(AwsAuthSource.Key(configMapCluster), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
            {
                apiVersion = "v1",
                kind = "ConfigMap",
                metadata = new { name = "aws-auth", @namespace = "kube-system" },
                data = new { mapUsers = $"- userarn: {mapped.User.Arn}\n  username: mapped\n  groups: [dev-team]\n" },
            }))));
            await CommitAsync(store, EksAccessEntryStore.Create(Account, Region, new EksAccessEntryRecord
            {
                PrincipalId = entered.User.UserId,
                Entry = new EksAccessEntry
                {
                    ClusterName = "api",
                    PrincipalArn = entered.User.Arn,
                    KubernetesGroups = ["dev-team"],
                    AccessEntryArn = $"arn:aws:eks:{Region}:{Account}:access-entry/api/user/{Account}/entered/{Guid.NewGuid()}",
                    CreatedAt = 1,
                    ModifiedAt = 1,
                    Tags = [],
                    Username = entered.User.Arn,
                    Type = AccessEntryTypes.Standard,
                },
            }));

            var clusters = new EksClusterDirectory(new EksClusterStore(store), NullLogger<EksClusterDirectory>.Instance);
            await clusters.StartAsync(CancellationToken.None);
            var entries = new EksAccessEntryCache(store, clusters);
            var tokens = new EksTokenCache(new EksTokenVerifier(iam, TimeProvider.System, new EksTokenVerifierOptions()), iam, TimeProvider.System);
            var authenticator = new EksIamAuthenticator(tokens, clusters, entries, new AwsAuthSource(store), [], TimeProvider.System);

            Console.WriteLine($"auth: one request at a time, {requests:N0} per identity after warm-up (µs; the first identity's first use includes JIT)");
            await MeasureAsync("creator, CONFIG_MAP (implicit admin)", authenticator, configMapCluster, admin.Token, requests);
            await MeasureAsync("aws-auth mapUsers, CONFIG_MAP", authenticator, configMapCluster, mapped.Token, requests);
            await MeasureAsync("access entry, API_AND_CONFIG_MAP", authenticator, apiCluster, entered.Token, requests);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task MeasureAsync(string label, EksIamAuthenticator authenticator, KubeCluster cluster, string token, int requests)
    {
        // The first use verifies (and warms the caches); every later kubectl call with this token meets the token cache.
        var first = Stopwatch.GetTimestamp();
        var result = await authenticator.AuthenticateAsync(cluster, token, CancellationToken.None);
        var firstUse = Stopwatch.GetElapsedTime(first).TotalMicroseconds;
        if (result.User is null)
        {
            throw new InvalidOperationException($"{label}: refused: {result.FailureReason}");
        }

        for (var i = 0; i < 10_000; i++)
        {
            await authenticator.AuthenticateAsync(cluster, token, CancellationToken.None);
        }

        var samples = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await authenticator.AuthenticateAsync(cluster, token, CancellationToken.None);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Console.WriteLine($"  {label,-40} cached: p50 {Percentiles.Of(samples, 50):F1}, p90 {Percentiles.Of(samples, 90):F1}, p99 {Percentiles.Of(samples, 99):F1}; first use {firstUse:F0}");
    }

    private static async Task<KubeCluster> CreateClusterAsync(IStore store, string name, string mode, IamUser creator)
    {
        // The record is written directly, but on subnets that exist: two of the default VPC's, as a real create would use.
        var subnets = (await new Ec2Repository(store).ListSubnetsAsync(Account, Region, CancellationToken.None)).Where(s => s.DefaultForAz).Take(2).ToList();
        var record = new EksClusterRecord
        {
            Cluster = new EksCluster
            {
                Name = name,
                Arn = $"arn:aws:eks:{Region}:{Account}:cluster/{name}",
                CreatedAt = 1,
                Version = EksVersions.Default,
                RoleArn = $"arn:aws:iam::{Account}:role/eks",
                ResourcesVpcConfig = new VpcConfig
                {
                    SubnetIds = [.. subnets.Select(s => s.SubnetId)],
                    VpcId = subnets[0].VpcId,
                    EndpointPublicAccess = true,
                    PublicAccessCidrs = ["0.0.0.0/0"],
                },
                KubernetesNetworkConfig = new KubernetesNetworkConfig(),
                Logging = EksClusterService.NormalizeLogging(null),
                Identity = new Identity { Oidc = new Oidc { Issuer = "https://issuer" } },
                Status = ClusterStatus.Active,
                PlatformVersion = "eks.1",
                Tags = [],
                Health = new ClusterHealth(),
                AccessConfig = new AccessConfig { AuthenticationMode = mode, BootstrapClusterCreatorAdminPermissions = true },
                UpgradePolicy = new UpgradePolicy { SupportType = "STANDARD" },
                DeletionProtection = false,
            },
            Id = $"BENCH{name.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal)}",
            AccountId = Account,
            Region = Region,
            CreatorArn = creator.Arn,
            CreatorPrincipalId = creator.UserId,
            ServiceAccountSigningKeyPem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
        };
        await CommitAsync(store, EksClusterStore.Create(record));
        return EksClusterService.ToKubeCluster(record);
    }

    private static async Task CommitAsync(IStore store, StoreOperation operation)
    {
        if (!(await store.CommitAsync([operation])).Succeeded)
        {
            throw new InvalidOperationException($"commit of {operation.Key} failed");
        }
    }

    private static async Task<(IamUser User, string Token)> UserWithTokenAsync(IamRepository iam, string name, string cluster)
    {
        var user = await iam.CreateUserAsync(Account, name, "/", [], CancellationToken.None);
        var key = await iam.CreateAccessKeyAsync(Account, name, CancellationToken.None);
        using var client = new SignedAwsClient("http://127.0.0.1:1", key.AccessKeyId, key.SecretAccessKey, Region);
        return (user, client.EksToken(cluster, $"sts.{Region}.amazonaws.com"));
    }
}
