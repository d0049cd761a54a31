namespace Lotse.Kube.Audit;

/// <summary>Receives every finished request of every cluster. Called on the request path: must not block or throw.</summary>
public interface IKubeAuditSink
{
    void Record(KubeAuditEvent auditEvent);
}
