using System.Buffers;
using Lotse.Aws.SigV4;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Lotse.Aws.FrontDoor;

/// <summary>
/// The one HTTP entry of every AWS service Lotse serves: reads the body, verifies the SigV4 header signature,
/// routes by the credential scope's service name (eks, iam, sts, …) and writes errors in that service's protocol.
/// </summary>
public sealed class AwsFrontDoor
{
    /// <summary>The largest body accepted (3 MiB); bigger requests are refused before reading them.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    private readonly Dictionary<string, IAwsService> _services;
    private readonly IAccessKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<AwsFrontDoor> _logger;

    public AwsFrontDoor(IEnumerable<IAwsService> services, IAccessKeyStore keys, TimeProvider time, ILogger<AwsFrontDoor> logger)
    {
        _services = services.ToDictionary(s => s.SigningName, StringComparer.Ordinal);
        _keys = keys;
        _time = time;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var protocol = GuessProtocol(context.Request);
        IAwsService? service = null;
        try
        {
            var (authorization, presigned) = ParseAuthorization(context.Request, protocol);
            if (!_services.TryGetValue(authorization.Service, out service))
            {
                throw AwsAuthErrors.SignatureDoesNotMatch(protocol, "Credential should be scoped to correct service. ");
            }

            protocol = service.Protocol;
            var body = await ReadBodyAsync(context, protocol);
            var caller = await AuthenticateAsync(context, authorization, presigned, protocol, body);
            var request = new AwsRequestContext(context, caller, authorization.Region, body, requestId);
            await service.HandleAsync(request);
        }
        catch (AwsServiceException error)
        {
            await AwsErrorWriter.WriteAsync(context, protocol, service?.XmlNamespace, error, requestId);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "AWS request {RequestId} to {Service} failed unexpectedly", requestId, service?.SigningName ?? "(unrouted)");
            await AwsErrorWriter.WriteAsync(context, protocol, service?.XmlNamespace, AwsAuthErrors.InternalFailure(), requestId);
        }
    }

    /// <summary>The raw request target as the client sent it (still percent-encoded), which SigV4 signs.</summary>
    public static string RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        }

        // An absolute-form target (proxy style) signs only its path and query.
        if (raw[0] != '/' && Uri.TryCreate(raw, UriKind.Absolute, out var absolute))
        {
            return absolute.PathAndQuery;
        }

        return raw;
    }

    // Before the signature names the service, a form body or an Action parameter means IAM/STS (query), an
    // X-Amz-Target header awsJson (CloudWatch Logs).
    private static AwsProtocol GuessProtocol(HttpRequest request) =>
        (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false)
        || request.Query.ContainsKey("Action")
            ? AwsProtocol.Query
            : request.Headers.ContainsKey("X-Amz-Target") ? AwsProtocol.Json : AwsProtocol.RestJson;

    private static (SigV4Authorization Authorization, bool Presigned) ParseAuthorization(HttpRequest request, AwsProtocol protocol)
    {
        var header = request.Headers.Authorization.ToString();
        SigV4Authorization? authorization;
        string? error;
        if (header.Length > 0)
        {
            if (SigV4Authorization.TryParse(header, out authorization, out error))
            {
                return (authorization!, false);
            }
        }
        else if (request.Query.ContainsKey("X-Amz-Signature") || request.Query.ContainsKey("X-Amz-Credential"))
        {
            if (SigV4Authorization.TryParseQuery(request.Query, out authorization, out error))
            {
                return (authorization!, true);
            }
        }
        else
        {
            throw AwsAuthErrors.MissingAuthenticationToken(protocol);
        }

        throw AwsAuthErrors.IncompleteSignature(protocol, error!);
    }

    private async ValueTask<AwsCaller> AuthenticateAsync(HttpContext context, SigV4Authorization authorization, bool presigned, AwsProtocol protocol, ReadOnlyMemory<byte> body)
    {
        var request = context.Request;
        string amzDate;
        DateTimeOffset requestTime;
        if (presigned)
        {
            amzDate = request.Query["X-Amz-Date"].ToString();
            if (!SigV4HeaderVerifier.TryParseAmzDate(amzDate, out requestTime))
            {
                throw AwsAuthErrors.IncompleteSignature(protocol, $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
            }
        }
        else if (!SigV4HeaderVerifier.TryGetRequestTime(request.Headers, out amzDate, out requestTime))
        {
            var header = request.Headers.Authorization.ToString();
            throw AwsAuthErrors.IncompleteSignature(protocol, amzDate.Length == 0
                ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + header
                : $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        // STS and IAM allow 15 minutes of skew ("… (NOW - 15 min.)"), the JSON services 5 minutes. A pre-signed
        // URL is held to the same window: STS honours pre-signed GetCallerIdentity URLs for 15 minutes whatever
        // X-Amz-Expires says (aws-iam-authenticator relies on exactly that).
        var skew = protocol is AwsProtocol.Query or AwsProtocol.Ec2 ? TimeSpan.FromMinutes(15) : TimeSpan.FromMinutes(5);
        var skewError = SigV4HeaderVerifier.CheckSkew(amzDate, requestTime, _time.GetUtcNow(), skew);
        if (skewError is not null)
        {
            throw AwsAuthErrors.SignatureDoesNotMatch(protocol, skewError);
        }

        if (authorization.Date != amzDate[..8])
        {
            throw AwsAuthErrors.SignatureDoesNotMatch(protocol,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{authorization.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var key = await _keys.FindAsync(authorization.AccessKeyId, context.RequestAborted);
        if (key is null || key.Status != AccessKeyStatus.Active)
        {
            _logger.LogDebug("Rejected AWS request signed with unknown or inactive key {AccessKeyId}", authorization.AccessKeyId);
            throw AwsAuthErrors.InvalidToken(protocol);
        }

        var sessionToken = presigned ? request.Query["X-Amz-Security-Token"].ToString() : request.Headers["X-Amz-Security-Token"].ToString();
        if (key.SessionToken is null ? sessionToken.Length != 0 : !SigV4.SigV4.SignaturesEqual(key.SessionToken, sessionToken))
        {
            throw AwsAuthErrors.InvalidToken(protocol);
        }

        if (key.Expiration is { } expiration && expiration <= _time.GetUtcNow())
        {
            throw AwsAuthErrors.ExpiredToken(protocol);
        }

        var result = SigV4HeaderVerifier.Verify(authorization, key.SecretAccessKey, amzDate, request.Method, RawTarget(context), request.Headers, body.Span, presigned);
        if (result != SigV4Failure.None)
        {
            _logger.LogDebug("Rejected AWS request with a bad signature for key {AccessKeyId}", authorization.AccessKeyId);
            throw AwsAuthErrors.SignatureDoesNotMatch(protocol);
        }

        return key.Caller;
    }

    private static async ValueTask<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, AwsProtocol protocol)
    {
        var request = context.Request;
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw AwsAuthErrors.RequestTooLarge(protocol, MaxBodyBytes);
        }

        if (request.ContentLength is { } length)
        {
            if (length == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            // The common case: the client announced the size, so read straight into an exact array.
            var exact = new byte[length];
            try
            {
                await request.Body.ReadExactlyAsync(exact, context.RequestAborted);
            }
            catch (EndOfStreamException)
            {
                throw new AwsServiceException(400, protocol is AwsProtocol.Query or AwsProtocol.Ec2 ? "IncompleteBody" : "IncompleteBodyException",
                    "The request body ended before its announced Content-Length.");
            }

            return exact;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, total).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(total), context.RequestAborted);
                if (read == 0)
                {
                    return buffer.AsSpan(0, total).ToArray();
                }

                total += read;
                if (total > MaxBodyBytes)
                {
                    throw AwsAuthErrors.RequestTooLarge(protocol, MaxBodyBytes);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
