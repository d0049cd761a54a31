namespace Lotse.Eks;

/// <summary>
/// One decision of the IAM authenticator, as the control-plane <c>authenticator</c> log records it: the identity the
/// token proved (or none) and the Kubernetes user it was mapped to, or why it was refused. Never the token itself.
/// </summary>
/// <param name="Arn">The caller's ARN as STS reported it; empty when the token did not verify.</param>
/// <param name="Username">The mapped Kubernetes user; empty when refused.</param>
/// <param name="Reason">Why the token was refused; empty when mapped.</param>
public sealed record EksAuthenticatorEvent(
    string ClusterId,
    string ClusterName,
    DateTimeOffset Time,
    string Arn,
    string CanonicalArn,
    string AccessKeyId,
    string Username,
    IReadOnlyList<string> Groups,
    string Reason);

/// <summary>Receives each authenticator decision. Called on the request path: must not block or throw.</summary>
public interface IEksAuthenticatorLog
{
    void Record(EksAuthenticatorEvent authenticatorEvent);
}
