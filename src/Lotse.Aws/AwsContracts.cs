using Microsoft.AspNetCore.Http;

namespace Lotse.Aws;

/// <summary>The wire protocol of an AWS service, which decides how errors are written.</summary>
public enum AwsProtocol
{
    /// <summary>rest-json (EKS): JSON body with <c>message</c>, header <c>x-amzn-ErrorType</c>.</summary>
    RestJson,

    /// <summary>query (IAM, STS): form-encoded request, XML response, <c>&lt;ErrorResponse&gt;</c> errors.</summary>
    Query,

    /// <summary>awsJson1_1 (CloudWatch Logs): <c>X-Amz-Target</c> names the operation; errors are JSON with <c>__type</c> and <c>message</c>.</summary>
    Json,

    /// <summary>ec2 (EC2): form-encoded like query, but lists without <c>.member</c>, lower-camel XML and <c>&lt;Response&gt;&lt;Errors&gt;</c> errors.</summary>
    Ec2,
}

public enum AwsPrincipalType
{
    Root,
    User,
    AssumedRole,
}

/// <summary>The authenticated caller of an AWS request, as STS GetCallerIdentity would describe it.</summary>
/// <param name="AccountId">12-digit account id.</param>
/// <param name="Arn">e.g. <c>arn:aws:iam::123456789012:user/admin</c> or <c>arn:aws:sts::…:assumed-role/R/S</c>.</param>
/// <param name="UserId">e.g. <c>AIDA…</c> for a user, <c>AROA…:session</c> for an assumed role, the account id for root.</param>
/// <param name="AccessKeyId">The access key the request was signed with.</param>
public sealed record AwsCaller(string AccountId, string Arn, string UserId, string AccessKeyId, AwsPrincipalType Type);

/// <summary>One AWS service behind the shared AWS endpoint, chosen by the SigV4 signing name.</summary>
public interface IAwsService
{
    /// <summary>The SigV4 service name this service is signed for: <c>eks</c>, <c>iam</c>, <c>sts</c>.</summary>
    string SigningName { get; }

    AwsProtocol Protocol { get; }

    /// <summary>The XML namespace of a query-protocol service's responses and errors (e.g. <c>https://sts.amazonaws.com/doc/2011-06-15/</c>).</summary>
    string? XmlNamespace => null;

    /// <summary>Handles an authenticated request. Throws <see cref="AwsServiceException"/> for AWS errors; writes the success response itself.</summary>
    ValueTask HandleAsync(AwsRequestContext request);
}

/// <summary>Everything a service needs about one verified request.</summary>
public sealed class AwsRequestContext(HttpContext http, AwsCaller caller, string region, ReadOnlyMemory<byte> body, string requestId)
{
    public HttpContext Http { get; } = http;

    public AwsCaller Caller { get; } = caller;

    /// <summary>The region from the SigV4 credential scope.</summary>
    public string Region { get; } = region;

    /// <summary>The request body, already read (and hashed for the signature).</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;

    public string RequestId { get; } = requestId;

    public CancellationToken Aborted => Http.RequestAborted;
}

/// <summary>
/// An AWS error: the front door writes it in the protocol of the service that threw it
/// (rest-json: status, <c>x-amzn-ErrorType</c> header and a JSON body of <see cref="Members"/> plus <c>message</c>;
/// query: an XML <c>ErrorResponse</c> with Type Sender/Receiver, Code and Message).
/// </summary>
public sealed class AwsServiceException(int statusCode, string code, string message, IReadOnlyDictionary<string, object?>? members = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    /// <summary>Extra members of the error shape (rest-json), e.g. <c>clusterName</c>; written beside <c>message</c>.</summary>
    public IReadOnlyDictionary<string, object?> Members { get; } = members ?? new Dictionary<string, object?>();
}
