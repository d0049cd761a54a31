using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lotse.Bench;

/// <summary>
/// A throw-away moto server (`moto_server -H 127.0.0.1 -p PORT`, all services in one process) as the
/// comparison point for the EKS API. Found as `moto_server` on PATH or, failing that, `python3 -m moto.server`.
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    public const string InstallHint = "pip install 'moto[server]==5.2.1'";

    private readonly Process _process;

    private MotoServer(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    /// <summary>The process started (a shim or python itself); moto runs in it or beneath it.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The command line prefix that starts moto's server, or null when moto is not installed.</summary>
    public static string[]? FindCommand()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(directory, "moto_server")))
            {
                return [Path.Combine(directory, "moto_server")];
            }
        }

        // pip may have put moto into a Python whose scripts directory is not on PATH.
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", ["-c", "import moto.server"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (probe is not null && probe.WaitForExit(TimeSpan.FromSeconds(30)) && probe.ExitCode == 0)
            {
                return ["python3", "-m", "moto.server"];
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No python3 at all: moto is not available.
        }

        return null;
    }

    public static async Task<MotoServer> StartAsync(string[] command)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command[1..].Concat(["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start moto_server");

        // Werkzeug logs every request to stderr; the pipes must be drained or moto blocks once they fill.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, $"http://127.0.0.1:{port}");
        try
        {
            await server.WaitUntilAnsweringAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // The pyenv shim may sit between us and python; take the whole tree down.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Listening is not enough: the Flask app imports lazily, so wait for a real HTTP answer.</summary>
    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(Endpoint + "/moto-api/");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("moto_server did not answer HTTP within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
