using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lotse.Testing;

namespace Lotse.Bench;

/// <summary>What the benchmarks that need an EKS cluster share: the cluster role, creating a cluster until ACTIVE, and an HTTPS client trusting the installation CA.</summary>
internal static class BenchClusters
{
    /// <summary>Lotse checks the cluster role against its IAM: it must exist and trust eks.amazonaws.com.</summary>
    public static async Task<string> CreateRoleAsync(SignedAwsClient aws)
    {
        var policy = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        var role = await aws.SendAsync("iam", HttpMethod.Post, "/", $"Action=CreateRole&Version=2010-05-08&RoleName=benchRole&AssumeRolePolicyDocument={policy}",
            "application/x-www-form-urlencoded; charset=utf-8");
        Ensure(role, 200);
        return System.Xml.Linq.XDocument.Parse(role.Body).Descendants().First(e => e.Name.LocalName == "Arn").Value;
    }

    /// <summary>The default VPC's subnets, as a cluster's resourcesVpcConfig needs them.</summary>
    public static async Task<string[]> DefaultSubnetIdsAsync(SignedAwsClient aws)
    {
        var (status, body) = await aws.SendAsync("ec2", HttpMethod.Post, "/", DefaultSubnets.Request, DefaultSubnets.ContentType);
        return DefaultSubnets.Parse(status, body);
    }

    /// <summary>CreateCluster, then DescribeCluster until ACTIVE; returns the described cluster.</summary>
    public static async Task<JsonElement> CreateActiveAsync(SignedAwsClient aws, string name, string roleArn, string[] subnetIds)
    {
        Ensure(await aws.SendAsync("eks", HttpMethod.Post, "/clusters", JsonSerializer.Serialize(new { name, roleArn, resourcesVpcConfig = new { subnetIds } })), 200);
        while (true)
        {
            var described = await aws.SendAsync("eks", HttpMethod.Get, $"/clusters/{name}", null);
            Ensure(described, 200);
            var cluster = JsonDocument.Parse(described.Body).RootElement.GetProperty("cluster").Clone();
            if (cluster.GetProperty("status").GetString() == "ACTIVE")
            {
                return cluster;
            }
        }
    }

    /// <summary>One HTTPS client for all clusters (one installation CA), as a client reusing its connection pool would.</summary>
    public static HttpClient TrustingClient(string caData, Action<SocketsHttpHandler>? configure = null)
    {
        var ca = new X509Certificate2Collection();
        ca.ImportFromPem(System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(caData)));
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(ca);
        configure?.Invoke(handler);
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public static void Ensure((int Status, string Body) response, int expected)
    {
        if (response.Status != expected)
        {
            throw new InvalidOperationException($"expected {expected}, got {response.Status}: {response.Body}");
        }
    }
}
