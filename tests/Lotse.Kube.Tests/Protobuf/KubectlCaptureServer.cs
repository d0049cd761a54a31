using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lotse.Kube.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>
/// A minimal HTTPS "apiserver" that only answers /version and discovery and records write bodies, so the
/// tests see exactly the bytes the real kubectl sends. Answers minor "32" so the kubectl dispatcher picks 1.32.
/// </summary>
public sealed class KubectlCaptureServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubectlCaptureServer(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<CapturedRequest> Writes { get; } = new();

    public static async Task<KubectlCaptureServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = CreateCertificate();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        var server = new KubectlCaptureServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = $"https://127.0.0.1:{new Uri(address).Port}";
        return server;
    }

    /// <summary>A kubeconfig that skips TLS verification and sends a bearer token.</summary>
    public string Kubeconfig() => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: capture
          cluster:
            server: {Url}
            insecure-skip-tls-verify: true
        users:
        - name: capture
          user:
            token: capture-token
        contexts:
        - name: capture
          context:
            cluster: capture
            user: capture
            namespace: default
        current-context: capture
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            var document = CaptureDiscovery.Document(request.Path.Value ?? "");
            context.Response.StatusCode = document is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(document?.ToJsonString() ?? """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""");
            return;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        Writes.Enqueue(new CapturedRequest(request.Method, request.Path.Value ?? "", request.ContentType ?? "", body));

        // Echo the object back as JSON so kubectl can print "<kind>/<name> created".
        var echo = KubeProtobuf.TryDecode(body, out var decoded, out _) ? decoded : JsonNode.Parse(body) as JsonObject;
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(echo?.ToJsonString() ?? "{}");
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=capture", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
