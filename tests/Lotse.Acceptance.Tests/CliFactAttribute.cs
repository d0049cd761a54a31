namespace Lotse.Acceptance.Tests;

/// <summary>A test that drives the real aws CLI and kubectl; skipped (not failed) on a machine without them.</summary>
public sealed class CliFactAttribute : FactAttribute
{
    public CliFactAttribute()
    {
        if (!LotseFixture.ToolsPresent)
        {
            Skip = "the aws CLI and kubectl must be on PATH";
        }
    }
}
