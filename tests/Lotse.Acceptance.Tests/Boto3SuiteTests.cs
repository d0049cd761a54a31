using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lotse.Acceptance.Tests;

/// <summary>
/// The boto3 suite (tests/boto3/test_*.py, Python unittest) against one real Lotse process: the fixture runs the whole suite
/// once, and each Python test is reported here as its own result, so a boto3 failure names the test that failed.
/// </summary>
public sealed partial class Boto3SuiteTests(Boto3SuiteTests.SuiteRun run) : IClassFixture<Boto3SuiteTests.SuiteRun>
{
    private static readonly string SuiteDirectory = Path.Combine(LotseServer.RepositoryRoot, "tests", "boto3");

    /// <summary>Every <c>module.Class.test_name</c> the suite defines, read from the sources (so a new Python test appears here by itself).</summary>
    public static TheoryData<string> TestIds()
    {
        var ids = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SuiteDirectory, "test_*.py").Order(StringComparer.Ordinal))
        {
            var module = Path.GetFileNameWithoutExtension(file);
            string? testClass = null;
            foreach (var line in File.ReadLines(file))
            {
                if (ClassLine().Match(line) is { Success: true } c)
                {
                    testClass = c.Groups[1].Value;
                }
                else if (testClass is not null && MethodLine().Match(line) is { Success: true } m)
                {
                    ids.Add($"{module}.{testClass}.{m.Groups[1].Value}");
                }
            }
        }

        return ids;
    }

    [Boto3Theory]
    [MemberData(nameof(TestIds))]
    public async Task Passes(string testId)
    {
        var outcomes = await run.Outcomes.Value;
        outcomes.TryGetValue(testId, out var outcome).ShouldBeTrue($"the boto3 suite did not run {testId}:\n{run.Log}");
        outcome!.Outcome.ShouldBe("passed", outcome.Detail);
    }

    [GeneratedRegex(@"^class (\w+)\(unittest\.TestCase\):")]
    private static partial Regex ClassLine();

    [GeneratedRegex(@"^    def (test_\w+)\(self\)")]
    private static partial Regex MethodLine();

    public sealed record TestOutcome(string Outcome, string Detail);

    /// <summary>One Lotse process and one run of the whole suite, shared by every case.</summary>
    public sealed class SuiteRun : IAsyncLifetime
    {
        private LotseServer? _server;

        public Lazy<Task<Dictionary<string, TestOutcome>>> Outcomes { get; }

        public string Log { get; private set; } = "";

        public SuiteRun() => Outcomes = new(RunAsync);

        public Task InitializeAsync() => Task.CompletedTask;

        private async Task<Dictionary<string, TestOutcome>> RunAsync()
        {
            _server = await LotseServer.StartAsync();
            var results = Path.Combine(_server.Home, "boto3-results.json");
            var result = await Tool.RunAsync("python3", [Path.Combine(SuiteDirectory, "run.py"), results], _server.UserEnvironment(), timeout: TimeSpan.FromMinutes(5));
            Log = result.Output;
            if (!File.Exists(results))
            {
                throw new InvalidOperationException($"the boto3 suite wrote no results (exit {result.ExitCode}):\n{result.Output}");
            }

            var parsed = JsonSerializer.Deserialize<Dictionary<string, TestOutcome>>(
                await File.ReadAllTextAsync(results), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
            return parsed ?? [];
        }

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}

/// <summary>A boto3 case; skipped (not failed) on a machine without python3 and boto3.</summary>
public sealed class Boto3TheoryAttribute : TheoryAttribute
{
    private static readonly Lazy<bool> Boto3Present = new(() =>
        Tool.OnPath("python3") && Tool.RunAsync("python3", ["-c", "import boto3"], new Dictionary<string, string>()).GetAwaiter().GetResult().ExitCode == 0);

    public Boto3TheoryAttribute()
    {
        if (!Boto3Present.Value)
        {
            Skip = "python3 with boto3 must be on PATH";
        }
    }
}
