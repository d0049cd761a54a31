using System.Diagnostics;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>Runs the kubectl on PATH with a fresh temp HOME and KUBECONFIG (no discovery cache, no user config).</summary>
internal static class KubectlRunner
{
    public static string? BinaryPath { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string kubeconfig, IEnumerable<string> args)
    {
        var home = Directory.CreateTempSubdirectory("lotse-protobuf-kubectl-").FullName;
        try
        {
            var kubeconfigPath = Path.Combine(home, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfigPath, kubeconfig);
            var info = new ProcessStartInfo(BinaryPath ?? throw new InvalidOperationException("kubectl is not on PATH"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["HOME"] = home;
            info.Environment["KUBECONFIG"] = kubeconfigPath;
            info.Environment.Remove("KUBERNETES_SERVICE_HOST");
            using var process = Process.Start(info)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
