namespace Lotse.Aws.Tokens;

/// <summary>Settings of <see cref="EksTokenVerifier"/>.</summary>
public sealed record EksTokenVerifierOptions
{
    /// <summary>
    /// Lotse's own STS endpoint(s) as <c>host[:port]</c> (e.g. <c>127.0.0.1:4566</c>), accepted beside the AWS STS
    /// hosts when users set <c>AWS_ENDPOINT_URL_STS</c>; for these, <c>http</c> is accepted too.
    /// </summary>
    public IReadOnlyList<string> ExtraStsHosts { get; init; } = [];

    /// <summary>How far X-Amz-Date may lie in the future (client clocks run ahead); aws-iam-authenticator has no such check.</summary>
    public TimeSpan FutureSkew { get; init; } = TimeSpan.FromMinutes(5);
}
