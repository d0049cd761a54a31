using System.Net.Http.Headers;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Lotse.Testing;

/// <summary>
/// The C# path to Lotse's AWS endpoint: requests signed by the AWS SDK's own SigV4 signer (AWSSDK.Core),
/// and EKS tokens presigned the way <c>aws eks get-token</c> makes them.
/// </summary>
public sealed class SignedAwsClient(string endpoint, string accessKeyId, string secretAccessKey, string region) : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly BasicAWSCredentials _credentials = new(accessKeyId, secretAccessKey);

    public async Task<(int Status, string Body)> SendAsync(string service, HttpMethod method, string pathAndQuery, string? body, string contentType = "application/json")
    {
        var uri = new Uri(endpoint + pathAndQuery);
        var content = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var signing = new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = content };
        if (body is not null)
        {
            signing.Headers["Content-Type"] = contentType;
        }

        var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = _credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = DateTime.UtcNow,
        });

        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in signed.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An EKS token as <c>aws eks get-token --cluster-name</c> builds it: a presigned STS GetCallerIdentity with a signed x-k8s-aws-id.</summary>
    public string EksToken(string clusterName, string stsHost)
    {
        var signing = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Get,
            RequestUri = new Uri($"https://{stsHost}/?Action=GetCallerIdentity&Version=2011-06-15"),
        };
        signing.Headers["x-k8s-aws-id"] = clusterName;
        var presigned = AWSSigV4Signer.Presign(signing, new AWSSigV4Parameters
        {
            Credentials = _credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = "sts",
            SignedAt = DateTime.UtcNow,
        }, TimeSpan.FromSeconds(60));
        var url = Encoding.UTF8.GetBytes(presigned.Uri.AbsoluteUri);
        return "k8s-aws-v1." + Convert.ToBase64String(url).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public void Dispose() => _http.Dispose();
}
