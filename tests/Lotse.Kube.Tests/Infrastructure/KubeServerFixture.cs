using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using Lotse.Kube;
using Lotse.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotse.Kube.Tests.Infrastructure;

/// <summary>
/// A real HTTPS server (Kestrel on 127.0.0.1:0, self-signed ECDSA certificate) serving <see cref="KubeApiServer"/>
/// over a real SqliteStore in a temp directory, with one bootstrapped cluster.
/// </summary>
public sealed class KubeServerFixture : IAsyncLifetime
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("lotse-kube-").FullName;
    private WebApplication? _app;

    public KubeCluster Cluster { get; } = new(Guid.NewGuid().ToString("N").ToUpperInvariant(), "test", "10.100.0.0/16", "1.32");

    public SqliteStore Store { get; private set; } = null!;

    public X509Certificate2 Certificate { get; } = TestCertificate.Create();

    public int Port { get; private set; }

    public string ServerUrl => $"https://127.0.0.1:{Port}/clusters/{Cluster.Id}";

    public string CaPem => Certificate.ExportCertificatePem();

    public KubeApiServer Server { get; private set; } = null!;

    /// <summary>The service-account token issuer of the test cluster.</summary>
    public TestServiceAccountKeys ServiceAccountKeys { get; private set; } = null!;

    public TestClusterDirectory Clusters { get; } = new();

    /// <summary>The authorizer (RBAC with the bootstrap policy; the admin token's user is in system:masters).</summary>
    public Lotse.Kube.Rbac.RbacAuthorizer Rbac { get; private set; } = null!;

    /// <summary>Server-side warnings and errors (shown by tests that get an unexpected 500).</summary>
    public RecordingLogger<KubeApiServer> Log { get; } = new();

    public async Task InitializeAsync()
    {
        Store = await SqliteStore.OpenAsync(Path.Combine(_directory, "lotse.db"));
        Clusters.Add(Cluster);
        var result = await Store.CommitAsync(KubeClusterBootstrapper.InitialObjects(Cluster, new KubeApiAddress("127.0.0.1", 443), DateTimeOffset.UtcNow));
        result.Succeeded.ShouldBeTrue();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.UseHttps(Certificate)));
        _app = builder.Build();
        ServiceAccountKeys = new TestServiceAccountKeys(CaPem);
        Rbac = new Lotse.Kube.Rbac.RbacAuthorizer(Store);
        Server = new KubeApiServer(
            Store,
            Clusters,
            [new TestAuthenticator(), new Lotse.Kube.ServiceAccounts.ServiceAccountTokenAuthenticator(Store, ServiceAccountKeys, TimeProvider.System)],
            [Rbac],
            [],
            TimeProvider.System,
            Log,
            ruleResolvers: [Rbac],
            serviceAccountKeys: ServiceAccountKeys);
        _app.Run(Server.HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    /// <summary>A raw HTTP client trusting the test CA, with the admin token unless told otherwise.</summary>
    public HttpClient CreateHttpClient(string? token = TestAuthenticator.AdminToken)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Thumbprint == Certificate.Thumbprint,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(ServerUrl + "/") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>The official C# client pointed at this cluster's path-prefixed URL.</summary>
    public Kubernetes CreateKubernetesClient(string token = TestAuthenticator.AdminToken)
    {
        var config = new KubernetesClientConfiguration
        {
            Host = ServerUrl,
            AccessToken = token,
            SslCaCerts = [X509CertificateLoader.LoadCertificate(Certificate.RawData)],
        };
        return new Kubernetes(config);
    }

    /// <summary>A kubeconfig for kubectl with this server, the token and the CA as data.</summary>
    public string KubeconfigYaml(string token = TestAuthenticator.AdminToken)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(CaPem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: lotse
              cluster:
                server: {ServerUrl}
                certificate-authority-data: {ca}
            users:
            - name: admin
              user:
                token: {token}
            contexts:
            - name: lotse
              context:
                cluster: lotse
                user: admin
                namespace: default
            current-context: lotse
            """;
    }

    /// <summary>Creates a fresh namespace so tests do not see each other's objects.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix = "t")
    {
        using var http = CreateHttpClient();
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        var response = await http.PostAsync("api/v1/namespaces", new StringContent($"{{\"metadata\":{{\"name\":\"{name}\"}}}}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return name;
    }
}

[CollectionDefinition(Name)]
public sealed class KubeServerCollection : ICollectionFixture<KubeServerFixture>
{
    public const string Name = "kube-server";
}
