namespace Lotse.Acceptance.Tests;

public static class ToolResultAssertions
{
    public static ToolResult ShouldSucceed(this ToolResult result)
    {
        result.ExitCode.ShouldBe(0, $"stdout: {result.StdOut}\nstderr: {result.StdErr}");
        return result;
    }

    public static ToolResult ShouldFail(this ToolResult result)
    {
        result.ExitCode.ShouldNotBe(0, $"stdout: {result.StdOut}\nstderr: {result.StdErr}");
        return result;
    }
}
