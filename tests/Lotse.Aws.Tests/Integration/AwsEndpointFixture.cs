using Lotse.Aws.FrontDoor;
using Lotse.Aws.Iam;
using Lotse.Aws.Logs;
using Lotse.Aws.Sts;
using Lotse.Aws.Tests.Support;
using Lotse.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotse.Aws.Tests.Integration;

/// <summary>A real Kestrel on 127.0.0.1:0 serving the AWS front door (IAM, STS, CloudWatch Logs) over a real SQLite store in a temp directory.</summary>
public sealed class AwsEndpointFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private SqliteStore? _store;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "lotse-aws-tests-" + Guid.NewGuid().ToString("N"));

    public AwsInstallation Installation { get; private set; } = null!;

    public IamRepository Repository { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The log groups the endpoint's CloudWatch Logs API serves; tests add their own.</summary>
    public StaticLogGroupSource Logs { get; } = new();

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        _store = await SqliteStore.OpenAsync(Path.Combine(Directory, "lotse.db"));
        Installation = await AwsInstallation.InitializeAsync(_store, default);
        Repository = new IamRepository(_store, TimeProvider.System);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        var frontDoor = new AwsFrontDoor([new IamService(Repository), new StsService(Repository, TimeProvider.System), new LogsService([Logs])], Repository, TimeProvider.System,
            _app.Services.GetRequiredService<ILogger<AwsFrontDoor>>());
        _app.Run(frontDoor.HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Endpoint = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A lingering SQLite handle on some platforms; the temp directory is harmless.
        }
    }
}
