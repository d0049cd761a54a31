namespace Lotse.Aws.FrontDoor;

/// <summary>
/// The authentication errors of the shared AWS endpoint, with the codes, statuses and texts the real services
/// use: query services (IAM, STS, EC2) and rest-json services (EKS) name the same failure differently.
/// </summary>
public static class AwsAuthErrors
{
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public const string InvalidTokenMessage = "The security token included in the request is invalid.";

    public const string InternalFailureMessage = "The request processing has failed because of an unknown error, exception or failure.";

    public static AwsServiceException MissingAuthenticationToken(AwsProtocol protocol) => IsXml(protocol)
        ? new(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
        : new(403, "MissingAuthenticationTokenException", "Missing Authentication Token");

    public static AwsServiceException IncompleteSignature(AwsProtocol protocol, string message) => IsXml(protocol)
        ? new(400, "IncompleteSignature", message)
        : new(403, "IncompleteSignatureException", message);

    public static AwsServiceException InvalidToken(AwsProtocol protocol) => protocol == AwsProtocol.Ec2
        ? new(401, "AuthFailure", "AWS was not able to validate the provided access credentials")
        : IsXml(protocol)
        ? new(403, "InvalidClientTokenId", InvalidTokenMessage)
        : new(403, "UnrecognizedClientException", InvalidTokenMessage);

    public static AwsServiceException ExpiredToken(AwsProtocol protocol) => IsXml(protocol)
        ? new(400, "ExpiredToken", "The security token included in the request is expired")
        : new(403, "ExpiredTokenException", "The security token included in the request is expired");

    public static AwsServiceException SignatureDoesNotMatch(AwsProtocol protocol, string message = SignatureMismatchMessage) => IsXml(protocol)
        ? new(403, "SignatureDoesNotMatch", message)
        : new(403, "InvalidSignatureException", message);

    public static AwsServiceException RequestTooLarge(AwsProtocol protocol, int limit) => IsXml(protocol)
        ? new(413, "RequestEntityTooLarge", $"Request body must be at most {limit} bytes.")
        : new(413, "RequestEntityTooLargeException", $"Request body must be at most {limit} bytes.");

    // EC2 names authentication failures like the query services (SignatureDoesNotMatch, IncompleteSignature, …).
    private static bool IsXml(AwsProtocol protocol) => protocol is AwsProtocol.Query or AwsProtocol.Ec2;

    public static AwsServiceException InternalFailure() => new(500, "InternalFailure", InternalFailureMessage);
}
