namespace Lotse.Acceptance.Tests;

/// <summary>The one error line the aws CLI prints for a refused call.</summary>
public static class CliErrors
{
    public static string ErrorLine(this ToolResult result) => result.ShouldFail().StdErr.Trim();
}
