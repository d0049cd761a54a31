using System.Diagnostics;

namespace Lotse.Kube.Tests.Infrastructure;

/// <summary>Runs the real kubectl against the fixture with a fresh HOME (so no discovery cache or dispatcher cache leaks in).</summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("lotse-kubectl-").FullName;

    public Kubectl(KubeServerFixture server, string token = TestAuthenticator.AdminToken)
    {
        KubeconfigPath = Path.Combine(_home, "kubeconfig");
        File.WriteAllText(KubeconfigPath, server.KubeconfigYaml(token));
    }

    public static string? BinaryPath { get; } = FindOnPath("kubectl");

    public string KubeconfigPath { get; }

    /// <summary>More environment variables for every later run (e.g. <c>EDITOR</c> for <c>kubectl edit</c>).</summary>
    public Dictionary<string, string> ExtraEnvironment { get; } = [];

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts kubectl without waiting (for <c>get -w</c>); the caller reads and kills it.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(BinaryPath ?? throw new InvalidOperationException("kubectl not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = _home;
        info.Environment["KUBECONFIG"] = KubeconfigPath;
        info.Environment.Remove("KUBERNETES_SERVICE_HOST");
        foreach (var (name, value) in ExtraEnvironment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped (not failed) when kubectl is not installed.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.BinaryPath is null)
        {
            Skip = "kubectl is not on PATH";
        }
    }
}
