using Lotse.Kube.Requests;

namespace Lotse.Kube.Audit;

/// <summary>
/// One request as the audit log records it (kube-apiserver's audit.k8s.io Event at the ResponseComplete stage, Metadata
/// level): who, what, the authorization decision and the outcome. Never holds a token, a body or a header value.
/// </summary>
/// <param name="User">The authenticated user; null when authentication failed.</param>
/// <param name="ImpersonatedUser">The user the request acted as, when it impersonated.</param>
/// <param name="Request">The parsed request; null when the request never got that far (e.g. 401).</param>
/// <param name="Decision"><c>allow</c>, <c>forbid</c>, or empty when authorization was not reached.</param>
public sealed record KubeAuditEvent(
    string AuditId,
    KubeCluster Cluster,
    DateTimeOffset RequestReceived,
    DateTimeOffset Completed,
    string Method,
    string RequestUri,
    string SourceIp,
    string UserAgent,
    KubeUser? User,
    KubeUser? ImpersonatedUser,
    KubeRequestInfo? Request,
    string Decision,
    string Reason,
    int Code);
