using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Lotse.Aws;
using Lotse.Aws.Ec2;
using Lotse.Aws.FrontDoor;
using Lotse.Aws.Iam;
using Lotse.Aws.Logs;
using Lotse.Aws.Sts;
using Lotse.Aws.Tokens;
using Lotse.Eks;
using Lotse.Eks.Access;
using Lotse.Eks.Addons;
using Lotse.Eks.Clusters;
using Lotse.Eks.ControlPlaneLogs;
using Lotse.Eks.Fargate;
using Lotse.Eks.IdentityProviders;
using Lotse.Eks.Mapping;
using Lotse.Eks.Nodegroups;
using Lotse.Eks.PodIdentity;
using Lotse.Eks.Tags;
using Lotse.Eks.Updates;
using Lotse.Kube;
using Lotse.Kube.Audit;
using Lotse.Kube.Auth;
using Lotse.Kube.Rbac;
using Lotse.Kube.ServiceAccounts;
using Lotse.Server.Certificates;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lotse.Server;

/// <summary>The composition root: one store, the AWS endpoint (http) and the Kubernetes endpoint (https) in one process.</summary>
public static class LotseHost
{
    public static string Version => typeof(LotseHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static async Task<int> RunAsync(LotseOptions options)
    {
        var started = Stopwatch.StartNew();
        Directory.CreateDirectory(options.DataDirectory);
        if (options.PrivateAddress is { } wanted && !CanBind(wanted, options.KubePort))
        {
            Console.Error.WriteLine($"lotse up: the private listener {wanted}:{options.KubePort} cannot be bound here; private endpoint access is off");
            options = options with { PrivateHost = "none" };
        }

        var time = TimeProvider.System;

        // The store, the installation identity and the certificates (≈ 250 ms, mostly JIT) are prepared on the
        // thread pool while the host builder is set up on this thread (`bench startup` measures the total).
        var preparing = Task.Run(() => PrepareAsync(options, time));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        Prepared prepared;
        try
        {
            prepared = await preparing;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("already open", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"lotse up: the data directory {options.DataDirectory} is in use by another running Lotse; stop it or pick another --data");
            return 1;
        }

        var (store, installation, ca, servingCertificate) = prepared;
        await using var storeScope = store;
        using var caScope = ca;
        using var certificateScope = servingCertificate;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Listen(kestrel, options.Host, options.AwsPort, _ => { });
            Listen(kestrel, options.Host, options.KubePort, listen => listen.UseHttps(servingCertificate));
            if (options.PrivateAddress is { } privateAddress)
            {
                kestrel.Listen(privateAddress, options.KubePort, listen => listen.UseHttps(servingCertificate));
            }
        });

        var services = builder.Services;
        services.AddSingleton<IStore>(store);
        services.AddSingleton(time);
        services.AddSingleton(installation);
        services.AddSingleton(new EksEndpoints(options.KubernetesBaseUrl, ca.CertificatePem, new KubeApiAddress(ApiServerIp(options.Host), options.KubePort))
        {
            PrivateKubernetesBaseUrl = options.PrivateKubernetesBaseUrl,
        });
        if (options.PrivateAddress is { } listenerAddress)
        {
            services.AddSingleton(new KubePrivateListener(listenerAddress));
        }

        services.AddSingleton<IamRepository>();
        services.AddSingleton<IAccessKeyStore>(sp => sp.GetRequiredService<IamRepository>());
        services.AddSingleton<IAwsService, IamService>();
        services.AddSingleton<Ec2Repository>();
        services.AddSingleton<IEc2Network, Ec2Network>();
        services.AddSingleton<IAwsService, Ec2Service>();
        services.AddSingleton<IAwsService, StsService>();
        services.AddSingleton<IAwsService, EksService>();
        services.AddSingleton<AwsFrontDoor>();
        services.AddSingleton<EksClusterStore>();
        services.AddSingleton<EksClusterDirectory>();
        services.AddSingleton<IKubeClusterDirectory>(sp => sp.GetRequiredService<EksClusterDirectory>());
        services.AddSingleton<EksClusterService>();
        services.AddSingleton<EksClusterUpdateService>();
        services.AddSingleton<EksUpdateQueries>();
        services.AddSingleton<EksTagService>();
        services.AddSingleton<EksNodegroupService>();
        services.AddSingleton<EksFargateProfileService>();
        services.AddSingleton<EksAddonService>();
        services.AddSingleton<EksIdentityProviderConfigService>();
        services.AddSingleton<EksPodIdentityAssociationService>();
        services.AddSingleton(new EksTokenVerifierOptions { ExtraStsHosts = [$"{options.Host}:{options.AwsPort}", $"localhost:{options.AwsPort}"] });
        services.AddSingleton<EksTokenVerifier>();
        services.AddSingleton<EksTokenCache>();
        services.AddSingleton<EksAccessEntryCache>();
        services.AddSingleton<EksAccessEntryService>();
        services.AddSingleton<AwsAuthSource>();

        // RBAC (system:masters in front) decides first; KubeApiServer asks the authorizers in registration order.
        services.AddSingleton<RbacAuthorizer>();
        services.AddSingleton<IKubeAuthorizer>(sp => sp.GetRequiredService<RbacAuthorizer>());
        services.AddSingleton<IKubeRuleResolver>(sp => sp.GetRequiredService<RbacAuthorizer>());

        // EKS's access-policy authorizer comes after RBAC, as EKS's webhook authorizer does.
        services.AddSingleton<IKubeAuthorizer, EksAccessPolicyAuthorizer>();
        services.AddSingleton<IKubeTokenAuthenticator, EksIamAuthenticator>();
        services.AddSingleton<IServiceAccountKeyProvider, EksServiceAccountKeyProvider>();
        services.AddSingleton<IKubeTokenAuthenticator, ServiceAccountTokenAuthenticator>();
        services.AddSingleton<ControlPlaneLogs>();
        services.AddSingleton<IKubeAuditSink>(sp => sp.GetRequiredService<ControlPlaneLogs>());
        services.AddSingleton<IEksAuthenticatorLog>(sp => sp.GetRequiredService<ControlPlaneLogs>());
        services.AddSingleton<ILogGroupSource>(sp => sp.GetRequiredService<ControlPlaneLogs>());
        services.AddSingleton<IAwsService, LogsService>();
        services.AddSingleton<KubeApiServer>();
        services.AddSingleton<EksOidcIssuer>();

        await using var app = builder.Build();
        var directory = app.Services.GetRequiredService<EksClusterDirectory>();
        app.Services.GetRequiredService<ControlPlaneLogs>(); // follows the directory from its first load
        await directory.StartAsync(CancellationToken.None);
        await app.Services.GetRequiredService<EksClusterService>().ResumeAsync(CancellationToken.None);

        var aws = app.Services.GetRequiredService<AwsFrontDoor>();
        var kube = app.Services.GetRequiredService<KubeApiServer>();
        var oidc = app.Services.GetRequiredService<EksOidcIssuer>();
        var kubePort = options.KubePort;
        app.Run(context => context.Connection.LocalPort != kubePort ? aws.HandleAsync(context)
            : EksOidcIssuer.Handles(context.Request.Path) ? oidc.HandleAsync(context)
            : kube.HandleAsync(context));

        await app.StartAsync();
        var envFile = EnvFile.Write(options, installation);
        Console.WriteLine($"""
            Lotse {Version}
              data directory:      {options.DataDirectory}
              AWS endpoint:        {options.AwsEndpoint}  (eks, iam, sts, logs)
              Kubernetes endpoint: {options.KubernetesBaseUrl}/clusters/<cluster-id>  (see aws eks describe-cluster)
              private endpoint:    {options.PrivateKubernetesBaseUrl ?? "off"}  (clusters with endpointPrivateAccess=true)
              account:             {installation.AccountId}  (admin user: {installation.AdminUserArn})
              shell set-up:        . {envFile}
            Lotse is ready ({started.ElapsedMilliseconds} ms, {directory.Count} cluster(s) served)
            """);

        await app.WaitForShutdownAsync();
        Console.WriteLine("Lotse stopped");
        return 0;
    }

    private sealed record Prepared(SqliteStore Store, AwsInstallation Installation, InstallationCa Ca, X509Certificate2 ServingCertificate);

    private static async Task<Prepared> PrepareAsync(LotseOptions options, TimeProvider time)
    {
        var store = await SqliteStore.OpenAsync(Path.Combine(options.DataDirectory, "lotse.db"));
        try
        {
            var installation = await AwsInstallation.InitializeAsync(store, CancellationToken.None);
            var ca = await InstallationCa.LoadOrCreateAsync(store, time, CancellationToken.None);
            string[] hosts = options.PrivateAddress is { } privateAddress
                ? [options.Host, privateAddress.ToString(), "127.0.0.1", "::1", "localhost"]
                : [options.Host, "127.0.0.1", "::1", "localhost"];
            var certificate = ca.IssueServingCertificate(hosts.Distinct(), time.GetUtcNow());
            return new Prepared(store, installation, ca, certificate);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether this machine lets us bind <paramref name="address"/>:<paramref name="port"/> (127.0.0.2 needs a Linux-style loopback /8).</summary>
    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions> configure)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            kestrel.Listen(address, port, configure);
        }
        else if (host == "localhost")
        {
            kestrel.ListenLocalhost(port, configure);
        }
        else
        {
            foreach (var resolved in Dns.GetHostAddresses(host))
            {
                kestrel.Listen(resolved, port, configure);
            }
        }
    }

    /// <summary>The address the <c>kubernetes</c> service's endpoints name: the listener's IP (loopback for a name).</summary>
    private static string ApiServerIp(string host) =>
        IPAddress.TryParse(host, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any) ? address.ToString() : "127.0.0.1";
}
