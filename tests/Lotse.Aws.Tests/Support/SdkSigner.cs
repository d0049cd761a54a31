using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Lotse.Aws.Tests.Support;

/// <summary>Signs requests with the AWS SDK's own SigV4 signer, the independent judge of our verifier.</summary>
public static class SdkSigner
{
    public static IReadOnlyDictionary<string, string> SignHeaders(
        string method, Uri uri, IReadOnlyDictionary<string, string> headers, byte[]? body, string accessKeyId, string secret, string region, string service, DateTime signedAt)
    {
        var request = new AWSSigningRequest { HttpMethod = new HttpMethod(method), RequestUri = uri, Content = body };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(accessKeyId, secret),
            Region = Amazon.RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt,
        };
        var result = AWSSigV4Signer.Sign(request, parameters);
        return result.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A pre-signed GET URL (query-string authentication) with the given extra signed headers.</summary>
    public static string Presign(Uri uri, IReadOnlyDictionary<string, string> headers, string accessKeyId, string secret, string region, string service, DateTime signedAt)
    {
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = uri };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var parameters = new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(accessKeyId, secret),
            Region = Amazon.RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt,
        };
        return AWSSigV4Signer.Presign(request, parameters, TimeSpan.FromSeconds(60)).Uri.AbsoluteUri;
    }

    /// <summary>Signs and sends a real HTTP request.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, Uri uri, string? contentType, byte[]? body, string accessKeyId, string secret, string region, string service)
    {
        var headers = new Dictionary<string, string> { ["host"] = uri.Authority };
        if (contentType is not null)
        {
            headers["content-type"] = contentType;
        }

        var signed = SignHeaders(method.Method, uri, headers, body, accessKeyId, secret, region, service, DateTime.UtcNow);
        using var message = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in signed)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await client.SendAsync(message);
    }
}
