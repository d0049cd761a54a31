namespace Lotse.Kube.Tests.Protobuf;

/// <summary>A theory skipped (not failed) when kubectl is not installed.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (KubectlRunner.BinaryPath is null)
        {
            Skip = "kubectl is not on PATH";
        }
    }
}
