namespace Lotse.Kube.Errors;

/// <summary>Carries a <see cref="KubeStatus"/> out of deep registry code to the one place that writes responses.</summary>
public sealed class KubeStatusException(KubeStatus status) : Exception(status.Message)
{
    public KubeStatus Status { get; } = status;
}
