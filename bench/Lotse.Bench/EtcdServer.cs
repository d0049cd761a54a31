using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lotse.Bench;

/// <summary>
/// A throw-away single-member etcd on loopback with a temp data dir and etcd's default durability
/// (WAL fsync before acknowledging). Found on PATH; the Debian package is etcd-server.
/// </summary>
internal sealed class EtcdServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private EtcdServer(Process process, string dataDirectory, string clientUrl)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        ClientUrl = clientUrl;
    }

    public string ClientUrl { get; }

    public static string? FindBinary()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "etcd");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static async Task<EtcdServer> StartAsync(string binary, string parentDirectory)
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(parentDirectory, $"lotse-bench-etcd-{Guid.NewGuid():N}")).FullName;
        var clientUrl = $"http://127.0.0.1:{FreePort()}";
        var peerUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--name", "bench", "--data-dir", dataDirectory,
            "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", $"bench={peerUrl}", "--log-level", "error",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start etcd");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new EtcdServer(process, dataDirectory, clientUrl);
        await server.WaitUntilListeningAsync(new Uri(clientUrl).Port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with code {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("etcd did not start listening within 10 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
