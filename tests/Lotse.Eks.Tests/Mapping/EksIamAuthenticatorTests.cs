using System.Text;
using Lotse.Aws.Iam;
using Lotse.Aws.Tokens;
using Lotse.Eks.Access;
using Lotse.Eks.Clusters;
using Lotse.Eks.Mapping;
using Lotse.Kube;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Lotse.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests.Mapping;

/// <summary>The authenticator end to end on the real store: a signed token, the cluster's mode, aws-auth as stored, the log.</summary>
public sealed class EksIamAuthenticatorTests : IAsyncLifetime
{
    private const string Account = "123456789012";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private readonly List<EksAuthenticatorEvent> _events = [];
    private IStore _store = null!;
    private EksClusterDirectory _directory = null!;
    private EksIamAuthenticator _authenticator = null!;
    private KubeCluster _cluster = null!;
    private IamUser _dev = null!;
    private string _token = "";

    private sealed class Log(List<EksAuthenticatorEvent> events) : IEksAuthenticatorLog
    {
        public void Record(EksAuthenticatorEvent authenticatorEvent) => events.Add(authenticatorEvent);
    }

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        var iam = new IamRepository(_store, TimeProvider.System);
        _dev = await iam.CreateUserAsync(Account, "dev", "/", [], default);
        var key = await iam.CreateAccessKeyAsync(Account, "dev", default);
        using (var client = new SignedAwsClient("http://127.0.0.1:1", key.AccessKeyId, key.SecretAccessKey, "eu-central-1"))
        {
            _token = client.EksToken("demo", "sts.eu-central-1.amazonaws.com");
        }

        var record = new EksClusterRecord
        {
            Cluster = TestData.Cluster(),
            Id = "ID",
            AccountId = Account,
            Region = "eu-central-1",
            CreatorArn = $"arn:aws:iam::{Account}:user/admin",
            CreatorPrincipalId = "AIDAADMIN",
            ServiceAccountSigningKeyPem = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
        };
        (await _store.CommitAsync([EksClusterStore.Create(record)])).Succeeded.ShouldBeTrue();
        _cluster = EksClusterService.ToKubeCluster(record);

        var clusters = new EksClusterStore(_store);
        _directory = new EksClusterDirectory(clusters, NullLogger<EksClusterDirectory>.Instance);
        await _directory.StartAsync(default);
        var tokens = new EksTokenCache(new EksTokenVerifier(iam, TimeProvider.System, new EksTokenVerifierOptions()), iam, TimeProvider.System);
        _authenticator = new EksIamAuthenticator(tokens, _directory, new EksAccessEntryCache(_store, _directory), new AwsAuthSource(_store), [new Log(_events)], TimeProvider.System);
    }

    private async Task PutAwsAuthAsync(string mapUsers)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { apiVersion = "v1", kind = "ConfigMap", data = new { mapUsers } });
        var key = AwsAuthSource.Key(_cluster);
        var existing = await _store.GetAsync(key, 0, default);
        var operation = existing is null
            ? StoreOperation.Create(key, Encoding.UTF8.GetBytes(json))
            : StoreOperation.Update(key, Encoding.UTF8.GetBytes(json), existing.ModRevision);
        (await _store.CommitAsync([operation])).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Authenticate_UnmappedThenMappedByAnAwsAuthEdit_LogsEachDecision()
    {
        var refused = await _authenticator.AuthenticateAsync(_cluster, _token, default);
        refused.User.ShouldBeNull();
        refused.FailureReason.ShouldBe($"ARN is not mapped: {_dev.Arn}");

        await PutAwsAuthAsync($"- userarn: {_dev.Arn}\n  username: dev-{{{{AccountID}}}}\n  groups: [devs]\n- userarn: broken\n");
        var mapped = (await _authenticator.AuthenticateAsync(_cluster, _token, default)).User.ShouldNotBeNull();

        mapped.Name.ShouldBe($"dev-{Account}");
        mapped.Groups.ShouldBe(["devs", "system:authenticated"]);
        mapped.Uid.ShouldBe($"aws-iam-authenticator:{Account}:{_dev.UserId}");
        mapped.Extra["principalId"].ShouldBe([_dev.UserId]);
        mapped.Extra["canonicalArn"].ShouldBe([_dev.Arn]);

        _events.Select(e => (e.Username, e.Reason.Length > 0)).ShouldBe([("", true), ("", true), ($"dev-{Account}", false)]);
        _events[1].Reason.ShouldStartWith("aws-auth: mapUsers: skipped");
        _events.ShouldAllBe(e => e.Arn == _dev.Arn && e.ClusterId == "ID");
    }

    [Fact]
    public async Task Authenticate_NotAnEksToken_IsNotThisAuthenticatorsBusiness()
    {
        (await _authenticator.AuthenticateAsync(_cluster, "eyJhbGciOi.jwt.token", default)).ShouldBe(default);
        _events.ShouldBeEmpty();
    }

    [Fact]
    public async Task Authenticate_BadToken_IsRefusedAndLoggedWithoutTheToken()
    {
        var result = await _authenticator.AuthenticateAsync(_cluster, EksIamAuthenticator.TokenPrefix + "@@@", default);

        result.User.ShouldBeNull();
        _events.Single().Reason.ShouldStartWith("input token was not properly formatted");
        _events.Single().Arn.ShouldBeEmpty();
    }

    public async Task DisposeAsync()
    {
        await _directory.DisposeAsync();
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
