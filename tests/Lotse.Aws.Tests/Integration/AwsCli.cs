using System.Diagnostics;

namespace Lotse.Aws.Tests.Integration;

/// <summary>Runs the real <c>aws</c> CLI with a fresh temp HOME and only the credentials the test gives it.</summary>
public static class AwsCli
{
    public static string? Executable { get; } = Find();

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string home, string accessKeyId, string secret, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("aws CLI not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(name);
        }

        psi.Environment["HOME"] = home;
        psi.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = secret;
        psi.Environment["AWS_DEFAULT_REGION"] = "eu-central-1";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["AWS_PAGER"] = string.Empty;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "aws");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact skipped (not failed) when the aws CLI is not installed.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Executable is null)
        {
            Skip = "the aws CLI is not on PATH";
        }
    }
}
