using System.Text;
using Lotse.Aws.FrontDoor;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Aws.Tests.Support;

/// <summary>Runs <see cref="AwsFrontDoor"/> on an in-memory <see cref="DefaultHttpContext"/>, signing with the AWS SDK signer.</summary>
public sealed class FrontDoorHarness
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly AwsFrontDoor _frontDoor;

    public FrontDoorHarness(IAccessKeyStore keys, params IAwsService[] services)
        : this(new ManualTimeProvider(Now), keys, services)
    {
    }

    public FrontDoorHarness(ManualTimeProvider time, IAccessKeyStore keys, params IAwsService[] services)
    {
        Time = time;
        _frontDoor = new AwsFrontDoor(services, keys, Time, NullLogger<AwsFrontDoor>.Instance);
    }

    public ManualTimeProvider Time { get; }

    public sealed record Response(int Status, IHeaderDictionary Headers, string Body);

    /// <summary>A query-protocol call (form body), as botocore sends it to IAM and STS.</summary>
    public Task<Response> QueryAsync(string service, string form, string accessKeyId, string secret, DateTimeOffset? signedAt = null, string? accept = null) =>
        SendAsync("POST", "/", service, "application/x-www-form-urlencoded; charset=utf-8", Encoding.UTF8.GetBytes(form), accessKeyId, secret, signedAt, accept);

    public async Task<Response> SendAsync(string method, string target, string service, string? contentType, byte[] body,
        string? accessKeyId, string? secret, DateTimeOffset? signedAt = null, string? accept = null, Action<IHeaderDictionary>? tamper = null, byte[]? sentBody = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        var q = target.IndexOf('?');
        request.Path = PathString.FromUriComponent(q < 0 ? target : target[..q]);
        request.QueryString = q < 0 ? QueryString.Empty : new QueryString(target[q..]);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = target;
        request.Headers.Host = "127.0.0.1:4566";
        if (contentType is not null)
        {
            request.ContentType = contentType;
        }

        if (accept is not null)
        {
            request.Headers.Accept = accept;
        }

        request.Body = new MemoryStream(sentBody ?? body);
        request.ContentLength = (sentBody ?? body).Length;
        if (accessKeyId is not null)
        {
            var headers = new Dictionary<string, string> { ["host"] = "127.0.0.1:4566" };
            if (contentType is not null)
            {
                headers["content-type"] = contentType;
            }

            var signed = SdkSigner.SignHeaders(method, new Uri("http://127.0.0.1:4566" + target), headers, body, accessKeyId, secret!, "eu-central-1", service,
                (signedAt ?? Now).UtcDateTime);
            foreach (var (name, value) in signed)
            {
                request.Headers[name] = value;
            }
        }

        tamper?.Invoke(request.Headers);
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        await _frontDoor.HandleAsync(context);
        return new Response(context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(responseBody.ToArray()));
    }
}
