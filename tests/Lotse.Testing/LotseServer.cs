using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Lotse.Testing;

/// <summary>
/// A real Lotse process started exactly as the README says (<c>./lotse up --data DIR …</c>), on free ports,
/// plus the environment a user gets from <c>. DIR/env</c> and a fresh HOME for the aws CLI and kubectl.
/// </summary>
public sealed partial class LotseServer : IAsyncDisposable
{
    private Process? _process;
    private readonly List<string> _output = [];

    private LotseServer(string dataDirectory, string home, int awsPort, int kubePort)
    {
        DataDirectory = dataDirectory;
        Home = home;
        AwsPort = awsPort;
        KubePort = kubePort;
    }

    public string DataDirectory { get; }

    public string Home { get; }

    public int AwsPort { get; }

    public int KubePort { get; }

    public string AwsEndpoint => $"http://127.0.0.1:{AwsPort}";

    /// <summary>The launcher process (<c>./lotse up</c>); the server itself runs beneath it.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("not started");

    /// <summary>The variables of DIR/env, read after start.</summary>
    public IReadOnlyDictionary<string, string> Env { get; private set; } = new Dictionary<string, string>();

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<LotseServer> StartAsync(string? dataDirectory = null, int? awsPort = null, int? kubePort = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("lotse-data-").FullName;
        var home = Directory.CreateTempSubdirectory("lotse-home-").FullName;
        var server = new LotseServer(data, home, awsPort ?? FreePort(), kubePort ?? FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops the process with SIGTERM (as Ctrl-C or a service manager would) and starts it again on the same data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        lock (_output)
        {
            _output.Clear();
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(RepositoryRoot, "lotse"), "up", "--data", DataDirectory, "--aws-port", AwsPort.ToString(), "--kube-port", KubePort.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = process.WaitForExitAsync().ContinueWith(_ => ready.TrySetException(new InvalidOperationException($"lotse exited ({process.ExitCode}):\n{Output}")), TaskScheduler.Default);
        _process = process;

        // The first start may build the server.
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(5));
        Env = ReadEnvFile(Path.Combine(DataDirectory, "env"));
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("ready", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    public async Task<int> StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return _process?.ExitCode ?? 0;
        }

        _ = SendSignal(process.Id, 15);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>The environment of a user's shell after <c>. DIR/env</c>, with a fresh HOME.</summary>
    public Dictionary<string, string> UserEnvironment(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var env = new Dictionary<string, string>(Env)
        {
            ["HOME"] = Home,
            ["AWS_CONFIG_FILE"] = Path.Combine(Home, "no-aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Home, "no-aws-credentials"),
            ["AWS_PAGER"] = "",
            ["AWS_SESSION_TOKEN"] = "",
            ["AWS_PROFILE"] = "",
        };
        env.Remove("AWS_SESSION_TOKEN");
        env.Remove("AWS_PROFILE");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return env;
    }

    public Task<ToolResult> AwsAsync(params string[] args) => Tool.RunAsync("aws", args, UserEnvironment());

    public Task<ToolResult> AwsAsAsync(IReadOnlyDictionary<string, string> overrides, params string[] args) =>
        Tool.RunAsync("aws", args, UserEnvironment(overrides));

    public Task<ToolResult> KubectlAsync(string kubeconfig, params string[] args) =>
        Tool.RunAsync("kubectl", args, UserEnvironment(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig }));

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        TryDelete(Home);
        TryDelete(DataDirectory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Dictionary<string, string> ReadEnvFile(string path)
    {
        var env = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("export ", StringComparison.Ordinal) && line[7..].Split('=', 2) is [var key, var value])
            {
                env[key] = value;
            }
        }

        return env;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "lotse")) && File.Exists(Path.Combine(dir.FullName, "Lotse.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (with ./lotse) not found above " + AppContext.BaseDirectory);
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
